package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// AppendOutput implements execution.Outputs.
func (s *Store) AppendOutput(ctx context.Context, id string, lines []execution.OutputLine) error {
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		return appendOutput(ctx, tx, id, lines)
	})
}

// appendOutput numbers and inserts lines after the execution's last.
func appendOutput(ctx context.Context, tx *wtx, id string, lines []execution.OutputLine) error {
	var seq int64
	const last = `SELECT coalesce((SELECT max(seq) FROM execution_output WHERE execution_id = ?1), 0)
		FROM executions WHERE id = ?1`
	if err := tx.queryRow(ctx, last, id).Scan(&seq); err != nil {
		return fmt.Errorf("appending output: %w", notFound(err, "execution", id))
	}
	for _, l := range lines {
		seq++
		l.ExecutionID, l.Seq = id, seq
		doc, err := json.Marshal(l)
		if err != nil {
			return fmt.Errorf("encoding output of %s: %w", id, err)
		}
		const q = "INSERT INTO execution_output (execution_id, seq, doc) VALUES (?, ?, ?)"
		if _, err := tx.exec(ctx, q, id, seq, doc); err != nil {
			return fmt.Errorf("appending output of %s: %w", id, err)
		}
	}
	return nil
}

// ListOutput implements execution.Outputs.
func (s *Store) ListOutput(ctx context.Context, id string, after int64, limit int) ([]execution.OutputLine, error) {
	if err := s.exists(ctx, "executions", id); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1
	}
	st, err := s.stmt(ctx, "SELECT doc FROM execution_output WHERE execution_id = ? AND seq > ? ORDER BY seq LIMIT ?")
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, id, after, limit)
	if err != nil {
		return nil, fmt.Errorf("listing output of %s: %w", id, err)
	}
	defer rows.Close()
	var out []execution.OutputLine
	for rows.Next() {
		var doc []byte
		var l execution.OutputLine
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("reading output of %s: %w", id, err)
		}
		if err := json.Unmarshal(doc, &l); err != nil {
			return nil, fmt.Errorf("decoding output of %s: %w", id, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// exists returns nil when table has a row with id, ErrNotFound otherwise.
func (s *Store) exists(ctx context.Context, table, id string) error {
	st, err := s.stmt(ctx, "SELECT 1 FROM "+table+" WHERE id = ?")
	if err != nil {
		return err
	}
	var one int
	return notFoundOrNil(st.QueryRowContext(ctx, id).Scan(&one), table, id)
}

// notFoundOrNil is notFound for a nil-able error.
func notFoundOrNil(err error, table, id string) error {
	if err == nil {
		return nil
	}
	return notFound(err, table, id)
}
