package sqlitekv_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/datastoretest"
	"github.com/stormless/stormless/internal/datastore/secretkey"
	"github.com/stormless/stormless/internal/datastore/sqlitekv"
)

// openTemp opens a store on a fresh directory with a new key file.
func openTemp(t *testing.T, now func() time.Time) datastore.Store {
	return openDir(t, t.TempDir(), now)
}

// openDir opens a store in dir with a new key file.
func openDir(tb testing.TB, dir string, now func() time.Time) datastore.Store {
	key, err := secretkey.LoadOrCreate(filepath.Join(dir, "datastore.key"))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := sqlitekv.Open(tb.Context(), filepath.Join(dir, "kv.db"), key, sqlitekv.WithClock(now))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

func TestStore(t *testing.T) {
	datastoretest.Run(t, openTemp)
}

// TestSecretsAtRest checks that the file holds no secret in plain text and
// that another key cannot read it.
func TestSecretsAtRest(t *testing.T) {
	dir := t.TempDir()
	key, err := secretkey.LoadOrCreate(filepath.Join(dir, "a.key"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "kv.db")
	s, err := sqlitekv.Open(t.Context(), path, key)
	if err != nil {
		t.Fatal(err)
	}
	k := datastore.Key{Scope: datastore.ScopeSystem, Name: "api_token"}
	if _, err := s.Set(t.Context(), k, "plain-secret-value", datastore.SetOptions{Secret: true}); err != nil {
		t.Fatal(err)
	}
	must(t, s.Close())
	other, err := secretkey.LoadOrCreate(filepath.Join(dir, "b.key"))
	if err != nil {
		t.Fatal(err)
	}
	s2, err := sqlitekv.Open(t.Context(), path, other)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	_, err = s2.Get(t.Context(), k, true)
	if !errorsIs(err, secretkey.ErrDecrypt) || strings.Contains(err.Error(), "plain-secret-value") {
		t.Errorf("get under another key: got %v, want ErrDecrypt without the value", err)
	}
}
