package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/datastore"
)

func TestKeysCRUD(t *testing.T) {
	s := newServer(t)
	steps := []struct {
		name      string
		method    string
		path      string
		body      any
		want      int
		contains  string
		forbidden string
	}{
		{name: "set plain", method: http.MethodPut, path: "/api/v1/keys/greeting", body: map[string]any{"value": "hello"}, want: http.StatusOK, contains: `"value":"hello"`},
		{name: "set secret", method: http.MethodPut, path: "/api/v1/keys/password",
			body: map[string]any{"value": "hunter2", "secret": true}, want: http.StatusOK, contains: `"encrypted":true`, forbidden: "hunter2"},
		{name: "set user scoped", method: http.MethodPut, path: "/api/v1/keys/mine",
			body: map[string]any{"value": "ann's", "scope": "st2kv.user", "user": "ann"}, want: http.StatusOK, contains: `"user":"ann"`},
		{name: "get plain", method: http.MethodGet, path: "/api/v1/keys/greeting", want: http.StatusOK, contains: "hello"},
		{name: "get secret", method: http.MethodGet, path: "/api/v1/keys/password", want: http.StatusOK, forbidden: "hunter2"},
		{name: "get secret decrypted", method: http.MethodGet, path: "/api/v1/keys/password?decrypt=true", want: http.StatusOK, contains: "hunter2"},
		{name: "list", method: http.MethodGet, path: "/api/v1/keys", want: http.StatusOK, contains: "greeting", forbidden: "hunter2"},
		{name: "list decrypted", method: http.MethodGet, path: "/api/v1/keys?scope=st2kv.system&decrypt=true", want: http.StatusOK, contains: "hunter2"},
		{name: "get user scoped", method: http.MethodGet, path: "/api/v1/keys/mine?scope=st2kv.user&user=ann", want: http.StatusOK, contains: "ann's"},
		{name: "user scope is private", method: http.MethodGet, path: "/api/v1/keys/mine?scope=st2kv.user&user=bob", want: http.StatusNotFound},
		{name: "delete", method: http.MethodDelete, path: "/api/v1/keys/greeting", want: http.StatusNoContent},
		{name: "deleted", method: http.MethodGet, path: "/api/v1/keys/greeting", want: http.StatusNotFound},
		{name: "delete again", method: http.MethodDelete, path: "/api/v1/keys/greeting", want: http.StatusNotFound},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			code, body, _ := s.do(t, st.method, st.path, st.body)
			if code != st.want {
				t.Fatalf("got %d %s, want %d", code, body, st.want)
			}
			if !strings.Contains(string(body), st.contains) {
				t.Errorf("got %s, want it to contain %q", body, st.contains)
			}
			if st.forbidden != "" && strings.Contains(string(body), st.forbidden) {
				t.Errorf("got %s, which shows %q", body, st.forbidden)
			}
		})
	}
}

func TestKeyUsedByRun(t *testing.T) {
	s := newServer(t)
	s.do(t, http.MethodPut, "/api/v1/keys/who", map[string]any{"value": "datastore"})
	code, body, _ := s.do(t, http.MethodPost, "/api/v1/executions",
		map[string]any{"action": "core.echo", "parameters": map[string]any{"message": "from {{ st2kv.system.who }}"}})
	if code != http.StatusCreated {
		t.Fatalf("got %d %s, want 201", code, body)
	}
	var kv datastore.KeyValue
	s.getJSON(t, "/api/v1/keys/who", &kv)
	var e struct{ ID string }
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatal(err)
	}
	if got := s.waitExecution(t, e.ID); !strings.Contains(string(got.Result), "from datastore") {
		t.Errorf("got result %s, want the datastore value", got.Result)
	}
}
