package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// counts are how many records of each kind the server holds (up to 100).
type counts struct{ executions, instances, enforcements, keys int }

// count reads counts, with the API key key when not empty.
func (s *server) count(t *testing.T, key string) counts {
	t.Helper()
	var h []string
	if key != "" {
		h = []string{"St2-Api-Key", key}
	}
	n := func(path string) int {
		var items []json.RawMessage
		s.getJSON(t, path+"?limit=100", &items, h...)
		return len(items)
	}
	return counts{n("/api/v1/executions"), n("/api/v1/triggerinstances"), n("/api/v1/ruleenforcements"), n("/api/v1/keys")}
}

// wantFault checks that r is status want with a JSON faultstring
// containing say.
func wantFault(t *testing.T, r response, want int, say string) {
	t.Helper()
	var f struct {
		Faultstring string `json:"faultstring"`
	}
	if r.code != want {
		t.Errorf("got %d %s, want %d", r.code, r.body, want)
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || json.Unmarshal(r.body, &f) != nil || f.Faultstring == "" {
		t.Errorf("got %q %s, want a JSON faultstring", r.header.Get("Content-Type"), r.body)
	}
	if !strings.Contains(f.Faultstring, say) {
		t.Errorf("got faultstring %q, want it to say %q", f.Faultstring, say)
	}
}

func TestBadRequestsChangeNothing(t *testing.T) {
	dataDir := t.TempDir()
	s := startUpIn(t, dataDir, shippedPacks, testPacks)
	big := `{"name": "` + strings.Repeat("x", 1<<20) + `"}`
	tests := []struct {
		name   string
		method string
		path   string
		body   any
		want   int
		say    string
	}{
		{name: "malformed JSON run", method: http.MethodPost, path: "/api/v1/executions", body: `{"action": `, want: 400, say: "malformed JSON"},
		{name: "malformed JSON webhook", method: http.MethodPost, path: "/api/v1/webhooks/e2e/hello", body: `{nope}`, want: 400, say: "malformed JSON"},
		{name: "trailing data", method: http.MethodPost, path: "/api/v1/executions", body: `{"action": "core.noop"} {}`, want: 400, say: "after the JSON value"},
		{name: "unknown action", method: http.MethodPost, path: "/api/v1/executions", body: map[string]any{"action": "e2e.nope"}, want: 400, say: "e2e.nope"},
		{name: "no action", method: http.MethodPost, path: "/api/v1/executions", body: map[string]any{}, want: 400, say: "action"},
		{name: "wrong parameter type", method: http.MethodPost, path: "/api/v1/executions",
			body: map[string]any{"action": "e2e.typed", "parameters": map[string]any{"count": "many"}}, want: 400, say: "count"},
		{name: "missing required parameter", method: http.MethodPost, path: "/api/v1/executions",
			body: map[string]any{"action": "e2e.typed"}, want: 400, say: "count"},
		{name: "unknown parameter", method: http.MethodPost, path: "/api/v1/executions",
			body: map[string]any{"action": "core.noop", "parameters": map[string]any{"bogus": 1}}, want: 400, say: "bogus"},
		{name: "body over 1 MiB", method: http.MethodPost, path: "/api/v1/webhooks/e2e/hello", body: big, want: 413, say: "larger than"},
		{name: "body over 1 MiB run", method: http.MethodPost, path: "/api/v1/executions", body: big, want: 413, say: "larger than"},
		{name: "unknown webhook", method: http.MethodPost, path: "/api/v1/webhooks/e2e/nowhere", body: map[string]any{"name": "x"}, want: 404, say: "e2e/nowhere"},
		{name: "unknown trigger type", method: http.MethodPost, path: "/api/v1/webhooks/st2", body: map[string]any{"trigger": "e2e.nope", "payload": map[string]any{}}, want: 400, say: "e2e.nope"},
		{name: "unknown execution", method: http.MethodGet, path: "/api/v1/executions/000000000000000000000000", want: 404, say: "not found"},
		{name: "re-emit unknown instance", method: http.MethodPost, path: "/api/v1/triggerinstances/000000000000000000000000/re_emit", want: 404, say: "not found"},
		{name: "method not allowed", method: http.MethodPatch, path: "/api/v1/executions", want: 405, say: "not allowed"},
		{name: "bad limit", method: http.MethodGet, path: "/api/v1/executions?limit=lots", want: 400, say: "limit"},
	}
	before := s.count(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFault(t, s.request(t, tt.method, tt.path, tt.body), tt.want, tt.say)
		})
	}
	if after := s.count(t, ""); after != before {
		t.Errorf("got records %+v after the bad requests, want %+v", after, before)
	}

	// Keys: once one exists, a missing or wrong key is a 401 and changes
	// nothing either.
	out, errOut, code := s.cli(t, "apikey", "create", "--user", "ann", "--data-dir", dataDir)
	if code != 0 {
		t.Fatalf("stormless apikey create: exit %d %s", code, errOut)
	}
	key := strings.TrimSpace(out)
	before = s.count(t, key)
	keyed := []struct {
		name string
		hdr  []string
		path string
	}{
		{name: "missing key", path: "/api/v1/webhooks/e2e/hello"},
		{name: "wrong key", hdr: []string{"St2-Api-Key", "not-a-key"}, path: "/api/v1/webhooks/e2e/hello"},
		{name: "wrong key in the query", path: "/api/v1/webhooks/e2e/hello?st2-api-key=not-a-key"},
	}
	for _, tt := range keyed {
		t.Run(tt.name, func(t *testing.T) {
			wantFault(t, s.request(t, http.MethodPost, tt.path, map[string]any{"name": "Mallory"}, tt.hdr...), 401, "api key")
		})
	}
	if after := s.count(t, key); after != before {
		t.Errorf("got records %+v after the unauthorized requests, want %+v", after, before)
	}
}
