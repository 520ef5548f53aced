package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// transitionUpdate is a status change as one compare-and-set UPDATE that
// edits the JSON document in place, as execution.Execution.Apply does.
type transitionUpdate struct {
	id    string
	from  string
	query string
	args  []any
}

// transitionQueries are the UPDATEs of a status change, by whether the
// new status is final and whether the change carries a result.
var transitionQueries = func() (q [2][2]string) {
	for _, final := range []bool{false, true} {
		for _, result := range []bool{false, true} {
			set := []string{"'$.status', ?", "'$.log[#]', json(?)"}
			end := "end_ts"
			if final {
				end = "?"
				set = append(set, "'$.end_timestamp', ?", "'$.elapsed_seconds', (? - start_ts) / 1e9")
			}
			if result {
				set = append(set, "'$.result', json(?)")
			}
			q[b2i(final)][b2i(result)] = fmt.Sprintf("UPDATE executions SET status = ?, end_ts = %s, doc = jsonb_set(doc, %s) WHERE id = ? AND status = ?",
				end, strings.Join(set, ", "))
		}
	}
	return q
}()

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// logEntryJSON is json.Marshal of the log entry of c, written directly
// when the status is a plain word and the year has four digits (always,
// in practice).
func logEntryJSON(c execution.Change) ([]byte, error) {
	plain := c.At.Year() >= 0 && c.At.Year() <= 9999 && c.To != ""
	for i := 0; plain && i < len(c.To); i++ {
		plain = c.To[i] >= 'a' && c.To[i] <= 'z' || c.To[i] == '_'
	}
	if !plain {
		return json.Marshal(execution.LogEntry{Timestamp: c.At, Status: c.To})
	}
	b := make([]byte, 0, 72)
	b = append(b, `{"timestamp":"`...)
	b = c.At.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","status":"`...)
	b = append(b, c.To...)
	return append(b, `"}`...), nil
}

// newTransitionUpdate builds the UPDATE for c.
func newTransitionUpdate(id string, c execution.Change) (transitionUpdate, error) {
	entry, err := logEntryJSON(c)
	if err != nil {
		return transitionUpdate{}, fmt.Errorf("encoding log entry of %s: %w", id, err)
	}
	final := c.To.Final()
	args := make([]any, 0, 9)
	args = append(args, string(c.To))
	if final {
		args = append(args, c.At.UnixNano())
	}
	args = append(args, string(c.To), string(entry))
	if final {
		args = append(args, c.At.Format(time.RFC3339Nano), c.At.UnixNano())
	}
	if c.Result != nil {
		args = append(args, string(c.Result))
	}
	args = append(args, id, string(c.From))
	return transitionUpdate{id: id, from: string(c.From), query: transitionQueries[b2i(final)][b2i(c.Result != nil)], args: args}, nil
}

// apply runs the update and returns the new document; when no row
// matched, ErrNotFound or ErrConflict says why.
func (u transitionUpdate) apply(ctx context.Context, tx *wtx) ([]byte, error) {
	var doc []byte
	err := tx.queryRow(ctx, u.query+" RETURNING json(doc)", u.args...).Scan(&doc)
	if err == nil {
		return doc, nil
	}
	if !isNotFound(notFound(err, "", "")) {
		return nil, fmt.Errorf("moving execution %s: %w", u.id, err)
	}
	return nil, u.missed(ctx, tx)
}

// run runs the update without reading the document back; when no row
// matched, ErrNotFound or ErrConflict says why.
func (u transitionUpdate) run(ctx context.Context, tx *wtx) error {
	n, err := tx.exec(ctx, u.query, u.args...)
	if err != nil {
		return fmt.Errorf("moving execution %s: %w", u.id, err)
	}
	if n == 0 {
		return u.missed(ctx, tx)
	}
	return nil
}

// missed says why the update matched no row: ErrNotFound or ErrConflict.
func (u transitionUpdate) missed(ctx context.Context, tx *wtx) error {
	var status string
	if err := tx.queryRow(ctx, "SELECT status FROM executions WHERE id = ?", u.id).Scan(&status); err != nil {
		return notFound(err, "execution", u.id)
	}
	return fmt.Errorf("moving execution %s from %q: it is %q: %w", u.id, u.from, status, execution.ErrConflict)
}
