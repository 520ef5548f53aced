package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// executionRow is a new execution encoded for its table, prepared by the
// caller so the writer only runs SQL.
type executionRow struct {
	id, action, status, rule, triggerType, parent string
	start, end                                    int64
	doc                                           []byte
}

// newExecutionRow encodes e as CreateExecution stores it: its log (one
// entry when empty), no children, an end timestamp when created final.
func newExecutionRow(e execution.Execution) (executionRow, error) {
	if len(e.Log) == 0 {
		e.Log = []execution.LogEntry{{Timestamp: e.StartTimestamp, Status: e.Status}}
	}
	e.Children = nil
	if e.Status.Final() && e.EndTimestamp.IsZero() {
		e.EndTimestamp = e.Log[len(e.Log)-1].Timestamp
		e.ElapsedSeconds = e.EndTimestamp.Sub(e.StartTimestamp).Seconds()
	}
	doc, err := json.Marshal(e)
	if err != nil {
		return executionRow{}, fmt.Errorf("encoding execution %s: %w", e.ID, err)
	}
	return executionRow{
		id: e.ID, action: e.Action.Ref, status: string(e.Status), rule: ruleRef(e.Rule),
		triggerType: triggerTypeRef(e.TriggerType), parent: e.Parent,
		start: e.StartTimestamp.UnixNano(), end: endNanos(e), doc: doc,
	}, nil
}

// insert writes r and links it to its parent; the caller checked that
// the id is new and the parent exists.
func (r executionRow) insert(ctx context.Context, tx *wtx) error {
	const q = `INSERT INTO executions (id, action, status, rule, trigger_type, parent, start_ts, end_ts, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, jsonb(?)) ON CONFLICT (id) DO NOTHING`
	n, err := tx.exec(ctx, q, r.id, r.action, r.status, r.rule, r.triggerType, r.parent, r.start, r.end, r.doc)
	if err != nil {
		return fmt.Errorf("creating execution %s: %w", r.id, err)
	}
	if n == 0 {
		return idExists("executions", r.id)
	}
	if r.parent == "" {
		return nil
	}
	const link = `UPDATE executions SET doc = jsonb_set(doc, '$.children',
		jsonb_insert(coalesce(jsonb_extract(doc, '$.children'), jsonb('[]')), '$[#]', ?)) WHERE id = ?`
	if _, err := tx.exec(ctx, link, r.id, r.parent); err != nil {
		return fmt.Errorf("linking execution %s to parent %s: %w", r.id, r.parent, err)
	}
	return nil
}

// idExists is the error of an insert that found its id taken.
func idExists(table, id string) error {
	return fmt.Errorf("creating %s %s: id exists: %w", table, id, execution.ErrConflict)
}

// checkNew returns ErrConflict when table already holds id.
func checkNew(ctx context.Context, tx *wtx, table, id string) error {
	var one int
	err := tx.queryRow(ctx, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&one)
	if err == nil {
		return idExists(table, id)
	}
	if err := notFound(err, table, id); !isNotFound(err) {
		return err
	}
	return nil
}

// checkParent returns ErrNotFound when parent is set and does not exist.
func checkParent(ctx context.Context, tx *wtx, parent, child string) error {
	if parent == "" {
		return nil
	}
	var one int
	err := tx.queryRow(ctx, "SELECT 1 FROM executions WHERE id = ?", parent).Scan(&one)
	if err != nil {
		return fmt.Errorf("linking execution %s to its parent: %w", child, notFound(err, "execution", parent))
	}
	return nil
}
