package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestBadRequestsChangeNothing(t *testing.T) {
	s := newServer(t)
	big := `{"action": "core.echo", "parameters": {"message": "` + strings.Repeat("x", 1<<20) + `"}}`
	tests := []struct {
		name   string
		method string
		path   string
		body   any
		want   int
	}{
		{name: "malformed JSON", method: http.MethodPost, path: "/api/v1/executions", body: `{"action": "core.noop"`, want: http.StatusBadRequest},
		{name: "not an object", method: http.MethodPost, path: "/api/v1/executions", body: `[1]`, want: http.StatusBadRequest},
		{name: "trailing data", method: http.MethodPost, path: "/api/v1/executions", body: `{"action": "core.noop"} {}`, want: http.StatusBadRequest},
		{name: "no action", method: http.MethodPost, path: "/api/v1/executions", body: map[string]any{}, want: http.StatusBadRequest},
		{name: "unknown action", method: http.MethodPost, path: "/api/v1/executions", body: map[string]any{"action": "no.such"}, want: http.StatusBadRequest},
		{name: "wrong parameter type", method: http.MethodPost, path: "/api/v1/executions",
			body: map[string]any{"action": "apitest.secret_echo", "parameters": map[string]any{"message": "m", "count": map[string]any{}}}, want: http.StatusBadRequest},
		{name: "parameters not an object", method: http.MethodPost, path: "/api/v1/executions",
			body: map[string]any{"action": "core.echo", "parameters": "message=x"}, want: http.StatusBadRequest},
		{name: "unknown parameter", method: http.MethodPost, path: "/api/v1/executions",
			body: map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "m", "mesage": "typo"}}, want: http.StatusBadRequest},
		{name: "missing required parameter", method: http.MethodPost, path: "/api/v1/executions", body: map[string]any{"action": "core.echo"}, want: http.StatusBadRequest},
		{name: "immutable parameter", method: http.MethodPost, path: "/api/v1/executions",
			body: map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "m", "cmd": "rm -rf /"}}, want: http.StatusBadRequest},
		{name: "body over 1 MiB", method: http.MethodPost, path: "/api/v1/executions", body: big, want: http.StatusRequestEntityTooLarge},
		{name: "webhook body over 1 MiB", method: http.MethodPost, path: "/api/v1/webhooks/apitest/hook", body: big, want: http.StatusRequestEntityTooLarge},
		{name: "unknown webhook", method: http.MethodPost, path: "/api/v1/webhooks/nobody", body: map[string]any{"msg": "x"}, want: http.StatusNotFound},
		{name: "malformed webhook body", method: http.MethodPost, path: "/api/v1/webhooks/apitest/hook", body: `{"msg": `, want: http.StatusBadRequest},
		{name: "unknown execution", method: http.MethodGet, path: "/api/v1/executions/000000000000000000000000", want: http.StatusNotFound},
		{name: "unknown status filter", method: http.MethodGet, path: "/api/v1/executions?status=sleeping", want: http.StatusBadRequest},
		{name: "bad limit", method: http.MethodGet, path: "/api/v1/executions?limit=-1", want: http.StatusBadRequest},
		{name: "bad time", method: http.MethodGet, path: "/api/v1/executions?timestamp_gt=yesterday", want: http.StatusBadRequest},
		{name: "time out of range", method: http.MethodGet, path: "/api/v1/executions?timestamp_gt=2999-01-01T00:00:00Z", want: http.StatusBadRequest},
		{name: "bad marker", method: http.MethodGet, path: "/api/v1/executions?marker=%21%21", want: http.StatusBadRequest},
		{name: "unknown action get", method: http.MethodGet, path: "/api/v1/actions/no.such", want: http.StatusNotFound},
		{name: "unknown rule", method: http.MethodGet, path: "/api/v1/rules/no.such", want: http.StatusNotFound},
		{name: "unknown route", method: http.MethodGet, path: "/api/v1/nothing", want: http.StatusNotFound},
		{name: "wrong method", method: http.MethodPatch, path: "/api/v1/executions", body: map[string]any{}, want: http.StatusMethodNotAllowed},
		{name: "unknown inquiry", method: http.MethodPut, path: "/api/v1/inquiries/000000000000000000000000",
			body: map[string]any{"response": map[string]any{"a": 1}}, want: http.StatusNotFound},
		{name: "bad key scope", method: http.MethodPut, path: "/api/v1/keys/k", body: map[string]any{"value": "v", "scope": "galaxy"}, want: http.StatusBadRequest},
		{name: "key value not a string", method: http.MethodPut, path: "/api/v1/keys/k", body: map[string]any{"value": 3}, want: http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, s)
			code, body, hd := s.do(t, tt.method, tt.path, tt.body)
			if code != tt.want {
				t.Errorf("got %d %s, want %d", code, body, tt.want)
			}
			checkFault(t, code, body, hd)
			if after := counts(t, s); after != before {
				t.Errorf("got records %v after, want %v as before", after, before)
			}
		})
	}
}

// checkFault fails unless body is a JSON {"faultstring": ...} error.
func checkFault(t *testing.T, code int, body []byte, hd http.Header) {
	t.Helper()
	var f struct {
		Faultstring string `json:"faultstring"`
	}
	if err := json.Unmarshal(body, &f); err != nil || f.Faultstring == "" || hd.Get("Content-Type") != "application/json" {
		t.Errorf("got body %s (%s), want a JSON faultstring", body, hd.Get("Content-Type"))
	}
}

// counts returns how many executions, trigger instances and keys exist.
func counts(t *testing.T, s *server) [3]int {
	t.Helper()
	var es []execution.Execution
	var tis []execution.TriggerInstance
	var keys []map[string]any
	s.getJSON(t, "/api/v1/executions", &es)
	s.getJSON(t, "/api/v1/triggerinstances", &tis)
	s.getJSON(t, "/api/v1/keys", &keys)
	return [3]int{len(es), len(tis), len(keys)}
}
