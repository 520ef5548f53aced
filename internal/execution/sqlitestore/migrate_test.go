package sqlitestore_test

import (
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	for i := range 2 { // the second open finds every migration applied
		s, err := sqlitestore.Open(t.Context(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		must(t, s.Close())
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, v int
	must(t, db.QueryRowContext(t.Context(), "SELECT count(*), max(version) FROM schema_version").Scan(&n, &v))
	if n != v || v < 1 {
		t.Errorf("got %d recorded migrations up to version %d, want one per version from 1", n, v)
	}
	_, err = db.ExecContext(t.Context(), "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 0)")
	must(t, err)
	_, err = sqlitestore.Open(t.Context(), path)
	if !errors.Is(err, sqlitestore.ErrSchemaTooNew) {
		t.Errorf("open of a newer schema: got %v, want ErrSchemaTooNew", err)
	}
}

// errorsIs is errors.Is.
func errorsIs(err, target error) bool { return errors.Is(err, target) }
