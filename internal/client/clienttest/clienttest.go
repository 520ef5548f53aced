// Package clienttest starts the real REST API (internal/api) over a started
// local engine (internal/local) on an httptest server, for tests of
// internal/client and of the CLI against the server. The engine loads the
// shipped packs and the test pack clitest (testdata/packs/clitest): lines
// (prints numbered lines slowly), fail (exits 3), types (one parameter of
// each type, runs nothing), approve (a workflow asking an inquiry) and the
// rule types_on_webhook on webhook "clitest".
package clienttest

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/apikey/sqlitekeys"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/local"

	"net/http/httptest"
)

// Engine adapts *local.Engine to api.Engine, as stormless up does: the
// optional parts (Canceler, Pauser, Reloader) are those *local.Engine has.
type Engine struct{ *local.Engine }

// Submit runs ref on behalf of user.
func (e Engine) Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error) {
	return e.Engine.Submit(ctx, ref, params, local.AsUser(user))
}

// Basic hides every optional part of an engine: the API answers 501 to
// cancel, pause, resume and reload.
type Basic struct{ api.Engine }

// Server is the API over a started engine.
type Server struct {
	*httptest.Server
	Engine  *local.Engine
	Handler *api.Handler
	// Keys is the API key store when Config.APIKeys is set.
	Keys *sqlitekeys.Store
}

// PackDirs returns the directories of the shipped packs and the test pack.
func PackDirs() []string {
	_, file, _, _ := runtime.Caller(0)
	here := filepath.Dir(file)
	return []string{filepath.Join(here, "..", "..", "..", "packs"), filepath.Join(here, "testdata", "packs")}
}

// Config adjusts what New serves.
type Config struct {
	// Wrap, when not nil, returns the api.Engine served in place of the
	// engine itself (Basic hides its optional parts).
	Wrap func(api.Engine) api.Engine
	// Options are passed to api.New after WithDatastore.
	Options []api.Option
	// APIKeys serves /api/v1/apikeys from a key store in a temporary
	// directory; New then requires keys once one exists, as stormless up
	// does on loopback, and Server.Keys holds the store.
	APIKeys bool
}

// New starts an engine over PackDirs with an in-memory datastore (no
// timers) and serves the API over it until the test ends.
func New(t testing.TB, cfg Config) *Server {
	t.Helper()
	kv, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	e, err := local.New(local.WithPacks(PackDirs()...), local.WithDataDir(t.TempDir()),
		local.WithDatastore(kv), local.WithTimers(false),
		local.WithErrorHandler(func(err error) { t.Logf("engine: %v", err) }))
	if err != nil {
		t.Fatalf("creating engine: %v", err)
	}
	if err := e.Start(t.Context()); err != nil {
		t.Fatalf("starting engine: %v", err)
	}
	var served api.Engine = Engine{e}
	if cfg.Wrap != nil {
		served = cfg.Wrap(served)
	}
	opts := []api.Option{api.WithDatastore(kv)}
	var keys *sqlitekeys.Store
	if cfg.APIKeys {
		if keys, err = sqlitekeys.Open(t.Context(), filepath.Join(t.TempDir(), "apikeys.db")); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { keys.Close() })
		exist := func(ctx context.Context) (bool, error) {
			list, err := keys.List(ctx)
			return len(list) > 0, err
		}
		opts = append(opts, api.WithAuthOnceKeysExist(keys, exist), api.WithKeyManager(apikey.Manager{Store: keys}))
	}
	h, err := api.New(served, e.Store(), append(opts, cfg.Options...)...)
	if err != nil {
		t.Fatalf("creating api: %v", err)
	}
	s := &Server{Server: httptest.NewServer(h), Engine: e, Handler: h, Keys: keys}
	t.Cleanup(func() {
		h.CloseStreams()
		s.Close()
		if err := e.Close(); err != nil {
			t.Errorf("closing engine: %v", err)
		}
	})
	return s
}
