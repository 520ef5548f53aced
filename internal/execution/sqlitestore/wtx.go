package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
)

// wtx is the writer's connection inside a group transaction: ops run
// their statements through it, each under its own savepoint. Only the
// writer goroutine uses it.
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

// commit commits the group, or rolls it back when the commit fails.
func (t *wtx) commit(ctx context.Context) error {
	if _, err := t.exec(ctx, "COMMIT"); err != nil {
		_, _ = t.conn.ExecContext(ctx, "ROLLBACK")
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// run applies o under a savepoint; when o fails, its writes are undone and
// the rest of the group is kept.
func (t *wtx) run(o *op) error {
	if err := o.ctx.Err(); err != nil {
		return fmt.Errorf("writing: %w", err)
	}
	ctx := context.WithoutCancel(o.ctx)
	if _, err := t.exec(ctx, "SAVEPOINT op"); err != nil {
		return fmt.Errorf("opening savepoint: %w", err)
	}
	err := o.fn(ctx, t)
	if err != nil {
		_, _ = t.exec(ctx, "ROLLBACK TO op")
	}
	if _, rerr := t.exec(ctx, "RELEASE op"); rerr != nil && err == nil {
		err = fmt.Errorf("releasing savepoint: %w", rerr)
	}
	return err
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
