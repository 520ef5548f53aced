package sqlitekeys_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/apikey/sqlitekeys"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/local"
)

func open(t *testing.T, path string) *sqlitekeys.Store {
	t.Helper()
	s, err := sqlitekeys.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("opening: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// engine adapts *local.Engine to api.Engine.
type engine struct{ *local.Engine }

func (e engine) Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error) {
	return e.Engine.Submit(ctx, ref, params, local.AsUser(user))
}

// newHandler serves the real API with keys from s.
func newHandler(t *testing.T, s *sqlitekeys.Store) *httptest.Server {
	t.Helper()
	kv, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	e, err := local.New(local.WithPacks(filepath.Join("..", "..", "..", "packs")), local.WithDataDir(t.TempDir()),
		local.WithDatastore(kv), local.WithTimers(false))
	if err != nil {
		t.Fatalf("creating engine: %v", err)
	}
	if err := e.Start(t.Context()); err != nil {
		t.Fatalf("starting engine: %v", err)
	}
	h, err := api.New(engine{e}, e.Store(), api.WithDatastore(kv), api.WithAuth(s))
	if err != nil {
		t.Fatalf("creating api: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		e.Close()
	})
	return srv
}

func status(t *testing.T, srv *httptest.Server, key string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/api/v1/executions", nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set(api.APIKeyHeader, key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestKeyLifecycleThroughTheAPI(t *testing.T) {
	path := filepath.Join(t.TempDir(), "apikeys.db")
	s := open(t, path)
	srv := newHandler(t, s)
	k, secret, err := s.Create(t.Context(), "ann", map[string]string{"purpose": "ci"})
	if err != nil {
		t.Fatalf("creating: %v", err)
	}
	user, err := s.Authenticate(t.Context(), secret)
	if err != nil || user != "ann" {
		t.Fatalf("got %q, %v, want ann", user, err)
	}
	steps := []struct {
		name string
		key  string
		want int
	}{
		{name: "right key", key: secret, want: http.StatusOK},
		{name: "wrong key", key: secret + "x", want: http.StatusUnauthorized},
		{name: "no key", want: http.StatusUnauthorized},
	}
	for _, tt := range steps {
		t.Run(tt.name, func(t *testing.T) {
			if got := status(t, srv, tt.key); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
	if err := s.Delete(t.Context(), k.ID); err != nil {
		t.Fatalf("deleting: %v", err)
	}
	if got := status(t, srv, secret); got != http.StatusUnauthorized {
		t.Errorf("after delete got %d, want 401", got)
	}
	if _, err := s.Authenticate(t.Context(), secret); !errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("after delete got %v, want ErrUnauthorized", err)
	}
	if err := s.Delete(t.Context(), k.ID); !errors.Is(err, apikey.ErrNotFound) {
		t.Errorf("deleting twice got %v, want ErrNotFound", err)
	}
}

func TestListAndFileHideKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "apikeys.db")
	s := open(t, path)
	k, secret, err := s.Create(t.Context(), "bob", nil)
	if err != nil {
		t.Fatalf("creating: %v", err)
	}
	keys, err := s.List(t.Context())
	if err != nil {
		t.Fatalf("listing: %v", err)
	}
	if len(keys) != 1 || keys[0].ID != k.ID || keys[0].User != "bob" || !keys[0].Enabled {
		t.Fatalf("got %+v, want one enabled key %s of bob", keys, k.ID)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("got the key in plain text in %s, want only its hash", f)
		}
		if !bytes.Contains(data, apikey.Hash(secret)) && f == path {
			t.Logf("hash not in %s (still in the WAL)", f)
		}
	}
	// A reopened store still authenticates: the hash was persisted.
	s2 := open(t, path)
	if user, err := s2.Authenticate(t.Context(), secret); err != nil || user != "bob" {
		t.Errorf("after reopening got %q, %v, want bob", user, err)
	}
}
