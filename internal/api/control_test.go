package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestReRun(t *testing.T) {
	s := newServer(t)
	run := func(body any) execution.Execution {
		t.Helper()
		code, out, _ := s.do(t, http.MethodPost, "/api/v1/executions", body)
		if code != http.StatusCreated {
			t.Fatalf("got %d %s, want 201", code, out)
		}
		var e execution.Execution
		if err := json.Unmarshal(out, &e); err != nil {
			t.Fatal(err)
		}
		return s.waitExecution(t, e.ID)
	}
	echo := run(map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "first"}})
	secret := run(map[string]any{"action": "apitest.secret_echo", "parameters": map[string]any{"message": "m", "token": "s3cr3t-token"}})
	tests := []struct {
		name   string
		id     string
		body   any
		want   int
		result string
	}{
		{name: "same parameters", id: echo.ID, want: http.StatusCreated, result: "first"},
		{name: "overridden", id: echo.ID, body: map[string]any{"parameters": map[string]any{"message": "second"}}, want: http.StatusCreated, result: "second"},
		{name: "masked secret", id: secret.ID, want: http.StatusBadRequest},
		{name: "secret given again", id: secret.ID, body: map[string]any{"parameters": map[string]any{"token": "another"}}, want: http.StatusCreated},
		{name: "unknown execution", id: "000000000000000000000000", want: http.StatusNotFound},
		{name: "malformed", id: echo.ID, body: `{"parameters": `, want: http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := s.do(t, http.MethodPost, "/api/v1/executions/"+tt.id+"/re_run", tt.body)
			if code != tt.want {
				t.Fatalf("got %d %s, want %d", code, out, tt.want)
			}
			if code != http.StatusCreated {
				return
			}
			var e execution.Execution
			json.Unmarshal(out, &e)
			if final := s.waitExecution(t, e.ID); final.Status != execution.StatusSucceeded || !strings.Contains(string(final.Result), tt.result) {
				t.Errorf("got %s %s, want succeeded with %q", final.Status, final.Result, tt.result)
			}
		})
	}
}

func TestUnsupportedControls(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		name   string
		method string
		path   string
		body   any
		want   int
	}{
		{name: "pause", method: http.MethodPut, path: "/api/v1/executions/000000000000000000000000", body: map[string]any{"status": "pausing"}, want: http.StatusNotImplemented},
		{name: "resume", method: http.MethodPut, path: "/api/v1/executions/000000000000000000000000", body: map[string]any{"status": "resuming"}, want: http.StatusNotImplemented},
		{name: "other status", method: http.MethodPut, path: "/api/v1/executions/000000000000000000000000", body: map[string]any{"status": "succeeded"}, want: http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, hd := s.do(t, tt.method, tt.path, tt.body)
			if code != tt.want {
				t.Errorf("got %d %s, want %d", code, body, tt.want)
			}
			checkFault(t, code, body, hd)
		})
	}
}
