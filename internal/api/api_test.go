package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/local"
)

// engine adapts *local.Engine to api.Engine, as stormless up does.
type engine struct{ *local.Engine }

// Submit runs on behalf of user.
func (e engine) Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error) {
	return e.Engine.Submit(ctx, ref, params, local.AsUser(user))
}

// server is an API over a started local engine.
type server struct {
	*httptest.Server
	engine  *local.Engine
	handler *api.Handler
	// key is sent as the API key of every request when set.
	key string
}

// newServer starts an engine over the shipped packs and the test pack, and
// an httptest server serving the API over it.
func newServer(t testing.TB, opts ...api.Option) *server {
	t.Helper()
	return newServerOver(t, []string{filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")}, opts...)
}

// newServerOver is newServer over the packs in dirs.
func newServerOver(t testing.TB, dirs []string, opts ...api.Option) *server {
	t.Helper()
	kv, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	e, err := local.New(local.WithPacks(dirs...),
		local.WithDataDir(t.TempDir()), local.WithDatastore(kv), local.WithTimers(false),
		local.WithErrorHandler(func(err error) { t.Logf("engine: %v", err) }))
	if err != nil {
		t.Fatalf("creating engine: %v", err)
	}
	if err := e.Start(t.Context()); err != nil {
		t.Fatalf("starting engine: %v", err)
	}
	h, err := api.New(engine{e}, e.Store(), append([]api.Option{api.WithDatastore(kv)}, opts...)...)
	if err != nil {
		t.Fatalf("creating api: %v", err)
	}
	s := &server{Server: httptest.NewServer(h), engine: e, handler: h}
	t.Cleanup(func() {
		s.Close()
		if err := e.Close(); err != nil {
			t.Errorf("closing engine: %v", err)
		}
	})
	return s
}

// do sends a request with body (JSON-encoded unless it is a string) and
// returns the status, the response body and its headers.
func (s *server) do(t *testing.T, method, path string, body any) (int, []byte, http.Header) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if s.key != "" {
		req.Header.Set(api.APIKeyHeader, s.key)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out, resp.Header
}

// getJSON GETs path, wants 200 and decodes the body into v.
func (s *server) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	code, body, _ := s.do(t, http.MethodGet, path, nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s: got %d %s, want 200", path, code, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: decoding %s: %v", path, body, err)
	}
}

// waitExecution polls GET /api/v1/executions/{id} until the execution is
// final.
func (s *server) waitExecution(t *testing.T, id string) execution.Execution {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var e execution.Execution
		s.getJSON(t, "/api/v1/executions/"+id, &e)
		if e.Status.Final() {
			return e
		}
	}
	t.Fatalf("execution %s never ended", id)
	return execution.Execution{}
}

// waitList polls a listing until it holds at least n records.
func waitList[T any](t *testing.T, s *server, path string, n int) []T {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var items []T
		s.getJSON(t, path, &items)
		if len(items) >= n {
			return items
		}
	}
	t.Fatalf("%s never held %d records", path, n)
	return nil
}
