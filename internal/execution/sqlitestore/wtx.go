package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// wtx is the writer's connection inside a group transaction: ops run
// their statements through it. Only the writer goroutine uses it.
type wtx struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

// newWtx wraps the write connection.
func newWtx(conn *sql.Conn) *wtx {
	return &wtx{conn: conn, stmts: map[string]*sql.Stmt{}}
}

// begin starts the group's transaction, taking the write lock at once.
func (t *wtx) begin(ctx context.Context) error {
	if _, err := t.exec(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	return nil
}

// rollback undoes the group.
func (t *wtx) rollback(ctx context.Context) {
	_, _ = t.conn.ExecContext(ctx, "ROLLBACK")
}

// commit commits the group, or rolls it back when the commit fails.
func (t *wtx) commit(ctx context.Context) error {
	if _, err := t.exec(ctx, "COMMIT"); err != nil {
		_, _ = t.conn.ExecContext(ctx, "ROLLBACK")
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// run applies o. An op returns a domain error (wrapping an execution
// sentinel) only before its first write, so such a failure leaves the
// group untouched; any other error may follow a partial write, and the
// caller must roll back the whole group (see fatal).
func (t *wtx) run(o *op) error {
	if err := o.ctx.Err(); err != nil {
		return fmt.Errorf("writing: %w", err)
	}
	return o.fn(context.WithoutCancel(o.ctx), t)
}

// partialWrite marks an error that follows some of an op's writes, even
// when it wraps a domain error: the group must be rolled back.
type partialWrite struct{ err error }

// Error returns the wrapped error's text.
func (p *partialWrite) Error() string { return p.err.Error() }

// Unwrap returns the wrapped error.
func (p *partialWrite) Unwrap() error { return p.err }

// redo is an op's domain error that follows some of its writes: the
// writer rolls the group back, answers the op with err and commits the
// rest of the group without it.
type redo struct{ err error }

// Error returns the wrapped error's text.
func (r *redo) Error() string { return r.err.Error() }

// afterWrite marks err, when not nil, as following a write.
func afterWrite(err error) error {
	if err == nil {
		return nil
	}
	return &partialWrite{err: err}
}

// fatal reports whether err, returned by an op, may follow a partial
// write: anything but a domain error or the op's own context ending.
func fatal(err error) bool {
	var p *partialWrite
	switch {
	case errors.As(err, &p):
		return true
	case err == nil,
		errors.Is(err, execution.ErrConflict), errors.Is(err, execution.ErrNotFound),
		errors.Is(err, execution.ErrInvalid), errors.Is(err, execution.ErrInvalidTransition),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	}
	return true
}

// stmt returns the prepared statement for query on the write connection.
func (t *wtx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("preparing statement: %w", err)
	}
	t.stmts[query] = st
	return st, nil
}

// exec runs a write statement and returns the number of rows it changed.
func (t *wtx) exec(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// queryRow runs a query inside the transaction.
func (t *wtx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return t.conn.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// closeStmts closes the prepared statements.
func (t *wtx) closeStmts() {
	for _, st := range t.stmts {
		_ = st.Close()
	}
}
