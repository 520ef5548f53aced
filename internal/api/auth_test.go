package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
)

// keys is an Authenticator over a map of key -> user.
type keys map[string]string

// Authenticate implements api.Authenticator.
func (k keys) Authenticate(_ context.Context, key string) (string, error) {
	if u, ok := k[key]; ok && key != "" {
		return u, nil
	}
	return "", fmt.Errorf("checking key: %w", api.ErrUnauthorized)
}

func TestAuth(t *testing.T) {
	s := newServer(t, api.WithAuth(keys{"ann-key": "ann", "bob-key": "bob"}))
	tests := []struct {
		name   string
		key    string
		method string
		path   string
		body   any
		want   int
	}{
		{name: "health is open", method: http.MethodGet, path: "/api/v1/health", want: http.StatusOK},
		{name: "no key", method: http.MethodGet, path: "/api/v1/executions", want: http.StatusUnauthorized},
		{name: "wrong key", key: "eve-key", method: http.MethodGet, path: "/api/v1/executions", want: http.StatusUnauthorized},
		{name: "no key for a webhook", method: http.MethodPost, path: "/api/v1/webhooks/sample", body: map[string]any{"name": "x"}, want: http.StatusUnauthorized},
		{name: "key in the query", method: http.MethodGet, path: "/api/v1/executions?st2-api-key=ann-key", want: http.StatusOK},
		{name: "run as another user", key: "ann-key", method: http.MethodPost, path: "/api/v1/executions",
			body: map[string]any{"action": "core.noop", "user": "bob"}, want: http.StatusForbidden},
		{name: "another user's key", key: "ann-key", method: http.MethodGet, path: "/api/v1/keys/k?scope=st2kv.user&user=bob", want: http.StatusForbidden},
		{name: "own user key", key: "ann-key", method: http.MethodPut, path: "/api/v1/keys/k", body: map[string]any{"value": "v", "scope": "st2kv.user"}, want: http.StatusOK},
		{name: "bob does not see ann's key", key: "bob-key", method: http.MethodGet, path: "/api/v1/keys/k?scope=st2kv.user", want: http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.key = tt.key
			code, body, hd := s.do(t, tt.method, tt.path, tt.body)
			if code != tt.want {
				t.Fatalf("got %d %s, want %d", code, body, tt.want)
			}
			if code >= 400 {
				checkFault(t, code, body, hd)
			}
		})
	}
}

func TestAuthRunsAsTheKeysUser(t *testing.T) {
	s := newServer(t, api.WithAuth(keys{"ann-key": "ann"}))
	s.key = "ann-key"
	code, body, _ := s.do(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "core.noop"})
	if code != http.StatusCreated {
		t.Fatalf("got %d %s, want 201", code, body)
	}
	var e execution.Execution
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatal(err)
	}
	if e.Context.User != "ann" {
		t.Errorf("got user %q, want ann", e.Context.User)
	}
}

func TestAuthOnceKeysExist(t *testing.T) {
	var exist atomic.Bool
	s := newServer(t, api.WithAuthOnceKeysExist(keys{"ann-key": "ann"},
		func(context.Context) (bool, error) { return exist.Load(), nil }))
	if code, body, _ := s.do(t, http.MethodGet, "/api/v1/executions", nil); code != http.StatusOK {
		t.Fatalf("before any key: got %d %s, want 200", code, body)
	}
	// Without a key, a request names any user, as on an open server.
	if code, body, _ := s.do(t, http.MethodGet, "/api/v1/keys?scope=st2kv.user&user=bob", nil); code != http.StatusOK {
		t.Fatalf("before any key, naming a user: got %d %s, want 200", code, body)
	}
	exist.Store(true) // the first key is created while the server runs
	code, body, hd := s.do(t, http.MethodGet, "/api/v1/executions", nil)
	if code != http.StatusUnauthorized {
		t.Fatalf("once a key exists: got %d %s, want 401", code, body)
	}
	checkFault(t, code, body, hd)
	s.key = "ann-key"
	if code, body, _ := s.do(t, http.MethodGet, "/api/v1/executions", nil); code != http.StatusOK {
		t.Fatalf("with the key: got %d %s, want 200", code, body)
	}
	exist.Store(false) // every key deleted: keys stay required
	s.key = ""
	if code, _, _ := s.do(t, http.MethodGet, "/api/v1/executions", nil); code != http.StatusUnauthorized {
		t.Errorf("after deleting the keys: got %d, want 401 until restart", code)
	}
}

func TestAuthOnceKeysExistFailsClosed(t *testing.T) {
	s := newServer(t, api.WithAuthOnceKeysExist(keys{}, func(context.Context) (bool, error) {
		return false, errors.New("disk on fire")
	}))
	code, body, hd := s.do(t, http.MethodGet, "/api/v1/executions", nil)
	if code != http.StatusInternalServerError {
		t.Errorf("got %d %s, want 500", code, body)
	}
	checkFault(t, code, body, hd)
}
