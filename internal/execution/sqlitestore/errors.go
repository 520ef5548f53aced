package sqlitestore

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// notFound turns sql.ErrNoRows into execution.ErrNotFound and wraps other
// errors.
func notFound(err error, table, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("reading %s %s: %w", table, id, execution.ErrNotFound)
	}
	return fmt.Errorf("reading %s %s: %w", table, id, err)
}

// conflict returns an error wrapping execution.ErrConflict when an insert
// changed no row because the id exists.
func conflict(n int64, table, id string) error {
	if n == 0 {
		return fmt.Errorf("creating %s %s: id exists: %w", table, id, execution.ErrConflict)
	}
	return nil
}

// isNotFound reports whether err wraps execution.ErrNotFound.
func isNotFound(err error) bool {
	return errors.Is(err, execution.ErrNotFound)
}
