package sqlitestore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrSchemaTooNew is returned (wrapped) by Open when the file's schema was
// written by a newer build.
var ErrSchemaTooNew = errors.New("schema newer than this build")

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one versioned schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in version order. A file is
// named NNNN_what.sql; NNNN is its version.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("listing migrations: %w", err)
	}
	out := make([]migration, 0, len(names))
	for _, name := range names {
		m, err := readMigration(name)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// readMigration reads one embedded migration file.
func readMigration(name string) (migration, error) {
	base := strings.TrimPrefix(name, "migrations/")
	num, _, _ := strings.Cut(base, "_")
	v, err := strconv.Atoi(num)
	if err != nil {
		return migration{}, fmt.Errorf("parsing migration version of %s: %w", base, err)
	}
	b, err := migrationFS.ReadFile(name)
	if err != nil {
		return migration{}, fmt.Errorf("reading migration %s: %w", base, err)
	}
	return migration{version: v, name: base, sql: string(b)}, nil
}

// migrate applies, in order and each in its own transaction, every
// migration newer than the database's schema version.
func migrate(ctx context.Context, conn *sql.Conn) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`
	if _, err := conn.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("creating schema_version: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	if err := checkNotNewer(ctx, conn, ms[len(ms)-1].version); err != nil {
		return err
	}
	for _, m := range ms {
		if err := apply(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

// checkNotNewer fails when the database was migrated by a newer build
// than this one, whose schema this code may not understand.
func checkNotNewer(ctx context.Context, conn *sql.Conn, latest int) error {
	var v int
	if err := conn.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&v); err != nil {
		return fmt.Errorf("reading schema version: %w", err)
	}
	if v > latest {
		return fmt.Errorf("checking schema version: the database is at version %d, this build knows up to %d: %w", v, latest, ErrSchemaTooNew)
	}
	return nil
}

// apply runs m unless it was applied already.
func apply(ctx context.Context, conn *sql.Conn, m migration) (err error) {
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("starting migration %s: %w", m.name, err)
	}
	defer func() {
		if err != nil {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	var n int
	row := conn.QueryRowContext(ctx, "SELECT count(*) FROM schema_version WHERE version = ?", m.version)
	if err := row.Scan(&n); err != nil {
		return fmt.Errorf("reading schema version: %w", err)
	}
	if n > 0 {
		_, err = conn.ExecContext(ctx, "COMMIT")
		return err
	}
	if _, err := conn.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("applying migration %s: %w", m.name, err)
	}
	const record = "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)"
	if _, err := conn.ExecContext(ctx, record, m.version, m.name, time.Now().UnixNano()); err != nil {
		return fmt.Errorf("recording migration %s: %w", m.name, err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("committing migration %s: %w", m.name, err)
	}
	return nil
}
