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

// TestKeysOffset pages the keys listing with offset, limit and marker as
// the other listings do (StackStorm's keys API takes offset and limit).
func TestKeysOffset(t *testing.T) {
	s := newServer(t)
	for _, n := range []string{"pg.a", "pg.b", "pg.c", "pg.d", "pg.e", "pg.f", "pg.g", "other"} {
		if code, body, _ := s.do(t, http.MethodPut, "/api/v1/keys/"+n, map[string]any{"value": n}); code != http.StatusOK {
			t.Fatalf("setting %s: got %d %s", n, code, body)
		}
	}
	names := func(t *testing.T, body []byte) string {
		t.Helper()
		var items []datastore.KeyValue
		if err := json.Unmarshal(body, &items); err != nil {
			t.Fatalf("decoding %s: %v", body, err)
		}
		var out []string
		for _, kv := range items {
			out = append(out, kv.Name)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		name     string
		query    string
		want     string
		wantNext bool
	}{
		{"offset and limit", "prefix=pg.&offset=3&limit=2", "pg.d,pg.e", true},
		{"offset alone", "prefix=pg.&offset=5", "pg.f,pg.g", false},
		{"offset 0", "prefix=pg.&offset=0&limit=1", "pg.a", true},
		{"offset past the end", "prefix=pg.&offset=7", "", false},
		{"offset far past the end", "prefix=pg.&offset=10000", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, hdr := s.do(t, http.MethodGet, "/api/v1/keys?"+tt.query, nil)
			if code != http.StatusOK {
				t.Fatalf("got %d %s, want 200", code, body)
			}
			if got := names(t, body); got != tt.want {
				t.Errorf("got [%s], want [%s]", got, tt.want)
			}
			if got := hdr.Get("X-Next-Marker") != ""; got != tt.wantNext {
				t.Errorf("X-Next-Marker %q, want one: %v", hdr.Get("X-Next-Marker"), tt.wantNext)
			}
		})
	}
	t.Run("offset from a marker", func(t *testing.T) {
		_, _, hdr := s.do(t, http.MethodGet, "/api/v1/keys?prefix=pg.&limit=2", nil)
		marker := hdr.Get("X-Next-Marker")
		if marker == "" {
			t.Fatal("no X-Next-Marker after the first page")
		}
		_, body, _ := s.do(t, http.MethodGet, "/api/v1/keys?prefix=pg.&limit=2&offset=1&marker="+marker, nil)
		if got := names(t, body); got != "pg.d,pg.e" {
			t.Errorf("got [%s], want [pg.d,pg.e] (pg.c skipped after the marker)", got)
		}
	})
	for _, bad := range []string{"-1", "x", "1.5"} {
		code, body, _ := s.do(t, http.MethodGet, "/api/v1/keys?offset="+bad, nil)
		if code != http.StatusBadRequest || !strings.Contains(string(body), "offset") {
			t.Errorf("offset=%s: got %d %s, want 400 naming offset", bad, code, body)
		}
	}
}
