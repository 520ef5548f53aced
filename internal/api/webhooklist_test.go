package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

type webhookItem struct {
	Type       string            `json:"type"`
	Parameters map[string]string `json:"parameters"`
	URL        string            `json:"url"`
	Rules      []string          `json:"rules"`
}

func TestListWebhooks(t *testing.T) {
	s := newServer(t)
	code, body, hdr := s.do(t, http.MethodGet, "/api/v1/webhooks", nil)
	if code != http.StatusOK {
		t.Fatalf("GET /api/v1/webhooks: %d %s, want 200", code, body)
	}
	var hooks []webhookItem
	if err := json.Unmarshal(body, &hooks); err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	by := map[string]webhookItem{}
	for _, h := range hooks {
		by[h.URL] = h
	}
	for url, rule := range map[string]string{"sample": "examples.greet_on_webhook", "apitest/hook": "apitest.echo_on_webhook"} {
		h, ok := by[url]
		if !ok {
			t.Errorf("webhook %q missing from %s", url, body)
			continue
		}
		if h.Type != "core.st2.webhook" || h.Parameters["url"] != url || len(h.Rules) == 0 {
			t.Errorf("webhook %q listed as %+v, want type core.st2.webhook, parameters.url and its rules", url, h)
		}
		found := false
		for _, r := range h.Rules {
			found = found || r == rule
		}
		if !found {
			t.Errorf("webhook %q lists rules %v, want %s among them", url, h.Rules, rule)
		}
	}
	if got := hdr.Get("X-Total-Count"); got != strconv.Itoa(len(hooks)) {
		t.Errorf("X-Total-Count %q, want %d", got, len(hooks))
	}

	var one webhookItem
	s.getJSON(t, "/api/v1/webhooks/apitest/hook", &one)
	if one.URL != "apitest/hook" {
		t.Errorf("GET /api/v1/webhooks/apitest/hook gave %+v", one)
	}
	if code, body, _ := s.do(t, http.MethodGet, "/api/v1/webhooks/nobody", nil); code != http.StatusNotFound {
		t.Errorf("GET of an unknown webhook: %d %s, want 404", code, body)
	}
}

func TestTotalCountHeader(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/api/v1/actions", "/api/v1/rules", "/api/v1/triggertypes", "/api/v1/packs"} {
		code, body, hdr := s.do(t, http.MethodGet, path, nil)
		var items []json.RawMessage
		if code != http.StatusOK || json.Unmarshal(body, &items) != nil {
			t.Fatalf("GET %s: %d %s", path, code, body)
		}
		if got := hdr.Get("X-Total-Count"); got != strconv.Itoa(len(items)) || len(items) == 0 {
			t.Errorf("GET %s: X-Total-Count %q with %d items, want the count", path, got, len(items))
		}
	}

	for range 3 {
		var x struct{ ID string }
		code, body, _ := s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "core.noop"})
		if code != http.StatusCreated || json.Unmarshal(body, &x) != nil {
			t.Fatalf("running core.noop: %d %s", code, body)
		}
		s.waitExecution(t, x.ID)
	}
	for _, tt := range []struct {
		path string
		want string // "" for no header
	}{
		{"/api/v1/executions?action=core.noop", "3"},
		{"/api/v1/executions?action=core.noop&offset=1", "3"},
		{"/api/v1/executions?action=core.noop&offset=2&limit=1", "3"},
		{"/api/v1/executions?action=core.noop&limit=2", ""},  // more pages: unknown
		{"/api/v1/executions?action=core.noop&offset=9", ""}, // past the end: unknown
		{"/api/v1/executions?action=no.such", "0"},
	} {
		code, body, hdr := s.do(t, http.MethodGet, tt.path, nil)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", tt.path, code, body)
		}
		if _, ok := hdr["X-Total-Count"]; hdr.Get("X-Total-Count") != tt.want || (tt.want == "" && ok) {
			t.Errorf("GET %s: X-Total-Count %q, want %q", tt.path, hdr.Get("X-Total-Count"), tt.want)
		}
	}
}
