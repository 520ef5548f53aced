package sqlitekv

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrate applies, in version order and each in its own transaction,
// every embedded migration not yet recorded in kv_schema_version. A file
// is named NNNN_what.sql; NNNN is its version.
func migrate(ctx context.Context, db *sql.DB) error {
	const create = `CREATE TABLE IF NOT EXISTS kv_schema_version (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`
	if _, err := db.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("creating kv_schema_version: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("listing migrations: %w", err)
	}
	sort.Slice(names, func(i, j int) bool { return version(names[i]) < version(names[j]) })
	for _, name := range names {
		if err := apply(ctx, db, name); err != nil {
			return err
		}
	}
	return nil
}

// version is the number a migration file name starts with.
func version(name string) int {
	num, _, _ := strings.Cut(strings.TrimPrefix(name, "migrations/"), "_")
	v, _ := strconv.Atoi(num)
	return v
}

// apply runs one migration unless it was applied already.
func apply(ctx context.Context, db *sql.DB, name string) error {
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("reading migration %s: %w", name, err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("starting migration %s: %w", name, err)
	}
	defer func() { _ = tx.Rollback() }()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM kv_schema_version WHERE version = ?", version(name)).Scan(&n); err != nil {
		return fmt.Errorf("reading schema version: %w", err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("applying migration %s: %w", name, err)
	}
	const record = "INSERT INTO kv_schema_version (version, name, applied_at) VALUES (?, ?, ?)"
	if _, err := tx.ExecContext(ctx, record, version(name), name, time.Now().UnixNano()); err != nil {
		return fmt.Errorf("recording migration %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing migration %s: %w", name, err)
	}
	return nil
}
