package sqlitekv_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

// FuzzPageToken feeds arbitrary page tokens (they come from API clients)
// to List: each either pages or fails with ErrInvalid.
func FuzzPageToken(f *testing.F) {
	s := openTempF(f)
	for _, name := range []string{"a", "b", "c"} {
		if _, err := s.Set(f.Context(), datastore.Key{Scope: datastore.ScopeSystem, Name: name}, "v", datastore.SetOptions{}); err != nil {
			f.Fatal(err)
		}
	}
	p, err := s.List(f.Context(), datastore.Query{Limit: 1})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{p.Next, "", "W10", "WyJ4Il0", "not a token", "WyJzeXN0ZW0iLDEsMl0"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		_, err := s.List(t.Context(), datastore.Query{Limit: 2, Token: token})
		if err != nil && !errors.Is(err, datastore.ErrInvalid) {
			t.Errorf("token %q: got %v, want a page or ErrInvalid", token, err)
		}
	})
}

// openTempF opens a store for a fuzz target.
func openTempF(f *testing.F) datastore.Store {
	return openDir(f, f.TempDir(), time.Now)
}
