package sqlitestore_test

import (
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/execution/storetest"
)

// openTemp opens a store on a fresh file in t's temporary directory.
func openTemp(t *testing.T) execution.Store {
	s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, openTemp)
}
