package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
)

func TestRunExecution(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		name   string
		body   map[string]any
		want   execution.Status
		result string
	}{
		{name: "noop", body: map[string]any{"action": "core.noop"}, want: execution.StatusSucceeded},
		{name: "echo", body: map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "hi there"}},
			want: execution.StatusSucceeded, result: "hi there"},
		{name: "secret masked", body: map[string]any{"action": "apitest.secret_echo",
			"parameters": map[string]any{"message": "m", "token": "s3cr3t-token", "count": "2"}}, want: execution.StatusSucceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, hd := s.do(t, http.MethodPost, "/api/v1/executions", tt.body)
			if code != http.StatusCreated {
				t.Fatalf("got %d %s, want 201", code, body)
			}
			if strings.Contains(string(body), "s3cr3t-token") {
				t.Errorf("the response shows the secret: %s", body)
			}
			var e execution.Execution
			if err := json.Unmarshal(body, &e); err != nil || e.ID == "" || hd.Get("Location") != "/api/v1/executions/"+e.ID {
				t.Fatalf("got %s, Location %q (%v), want an execution and its location", body, hd.Get("Location"), err)
			}
			final := s.waitExecution(t, e.ID)
			if final.Status != tt.want || !strings.Contains(string(final.Result), tt.result) {
				t.Errorf("got %s %s, want %s with %q", final.Status, final.Result, tt.want, tt.result)
			}
			checkNoSecret(t, s, "/api/v1/executions/"+e.ID)
		})
	}
}

func TestListExecutionsFiltersAndPages(t *testing.T) {
	s := newServer(t)
	for range 3 {
		if code, body, _ := s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "core.noop"}); code != http.StatusCreated {
			t.Fatalf("got %d %s, want 201", code, body)
		}
	}
	s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "x"}})
	tests := []struct {
		name     string
		query    string
		want     int
		wantNext bool
	}{
		{name: "all", query: "", want: 4},
		{name: "by action", query: "?action=core.noop", want: 3},
		{name: "top level", query: "?parent=null&action=core.echo", want: 1},
		{name: "first page", query: "?action=core.noop&limit=2", want: 2, wantNext: true},
		{name: "offset", query: "?action=core.noop&limit=2&offset=2", want: 1},
		{name: "future", query: "?timestamp_gt=2199-01-01T00:00:00Z", want: 0},
		{name: "unknown rule", query: "?rule=no.rule", want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, hd := s.do(t, http.MethodGet, "/api/v1/executions"+tt.query, nil)
			var items []execution.Execution
			if err := json.Unmarshal(body, &items); code != http.StatusOK || err != nil {
				t.Fatalf("got %d %s (%v), want 200 and a list", code, body, err)
			}
			if len(items) != tt.want || (hd.Get("X-Next-Marker") != "") != tt.wantNext {
				t.Errorf("got %d items, next %q; want %d, next %v", len(items), hd.Get("X-Next-Marker"), tt.want, tt.wantNext)
			}
		})
	}
}

func TestListExecutionsAttributes(t *testing.T) {
	s := newServer(t)
	s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "x"}})
	tests := []struct {
		name  string
		query string
		want  []string
		not   []string
		code  int
	}{
		{name: "exclude", query: "?exclude_attributes=result,parameters", want: []string{`"id"`, `"status"`}, not: []string{`"parameters"`, `"result"`}, code: http.StatusOK},
		{name: "include", query: "?include_attributes=status", want: []string{`"id"`, `"status"`}, not: []string{`"action"`, `"log"`}, code: http.StatusOK},
		{name: "both", query: "?include_attributes=status&exclude_attributes=result", code: http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := s.do(t, http.MethodGet, "/api/v1/executions"+tt.query, nil)
			if code != tt.code {
				t.Fatalf("got %d %s, want %d", code, body, tt.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("got %s, want %s in it", body, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(body), n) {
					t.Errorf("got %s, want no %s", body, n)
				}
			}
		})
	}
}

func TestMarkerContinuesListing(t *testing.T) {
	s := newServer(t)
	for range 3 {
		s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "core.noop"})
	}
	_, _, hd := s.do(t, http.MethodGet, "/api/v1/executions?limit=2", nil)
	var rest []execution.Execution
	s.getJSON(t, "/api/v1/executions?limit=2&marker="+hd.Get("X-Next-Marker"), &rest)
	if len(rest) != 1 {
		t.Errorf("got %d executions after the marker, want 1", len(rest))
	}
}

func TestCancelExecution(t *testing.T) {
	s := newServer(t)
	_, body, _ := s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "core.noop"})
	var done execution.Execution
	if err := json.Unmarshal(body, &done); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		id   string
		want int
	}{
		{name: "unknown", id: "000000000000000000000000", want: http.StatusNotFound},
		{name: "finished", id: done.ID, want: http.StatusConflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for range 500 {
				if x, err := s.engine.Store().GetExecution(t.Context(), tc.id); err != nil || x.Status.Final() {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			code, body, _ := s.do(t, http.MethodDelete, "/api/v1/executions/"+tc.id, nil)
			if code != tc.want || !strings.Contains(string(body), "faultstring") {
				t.Errorf("got %d %s, want %d with a faultstring", code, body, tc.want)
			}
		})
	}
}

// noCancel hides the engine's Cancel method.
type noCancel struct{ api.Engine }

func TestCancelNotSupported(t *testing.T) {
	s := newServer(t)
	h, err := api.New(noCancel{engine{s.engine}}, s.engine.Store())
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodDelete, "/api/v1/executions/000000000000000000000000", nil))
	if rec.Code != http.StatusNotImplemented || !strings.Contains(rec.Body.String(), "faultstring") {
		t.Errorf("got %d %s, want 501 with a faultstring", rec.Code, rec.Body)
	}
}
