package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// CreateEnforcement implements execution.Enforcements.
func (s *Store) CreateEnforcement(ctx context.Context, e execution.Enforcement) error {
	if err := e.Validate(); err != nil {
		return err
	}
	r, err := newEnforcementRow(e)
	if err != nil {
		return err
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		if err := checkNew(ctx, tx, "enforcements", r.id); err != nil {
			return err
		}
		return r.insert(ctx, tx)
	})
}

// GetEnforcement implements execution.Enforcements.
func (s *Store) GetEnforcement(ctx context.Context, id string) (execution.Enforcement, error) {
	var e execution.Enforcement
	err := get(ctx, s, "enforcements", id, &e)
	return e, err
}

// ListEnforcements implements execution.Enforcements.
func (s *Store) ListEnforcements(ctx context.Context, q execution.EnforcementQuery) (execution.Page[execution.Enforcement], error) {
	l := listing{table: "enforcements", ts: "enforced", tr: q.TimeRange, page: q.PageQuery}
	l.eq("rule", q.Rule)
	l.eq("trigger_instance_id", q.TriggerInstanceID)
	l.eq("execution_id", q.ExecutionID)
	return list[execution.Enforcement](ctx, s, l)
}

// enforcementRow is a new enforcement encoded for its table.
type enforcementRow struct {
	id, rule, triggerInstance, execution string
	enforced                             int64
	doc                                  []byte
}

// newEnforcementRow encodes e.
func newEnforcementRow(e execution.Enforcement) (enforcementRow, error) {
	doc, err := json.Marshal(e)
	if err != nil {
		return enforcementRow{}, fmt.Errorf("encoding enforcement %s: %w", e.ID, err)
	}
	return enforcementRow{id: e.ID, rule: e.Rule.Ref, triggerInstance: e.TriggerInstanceID,
		execution: e.ExecutionID, enforced: e.EnforcedAt.UnixNano(), doc: doc}, nil
}

// insert writes r; the caller checked that its id is new.
func (r enforcementRow) insert(ctx context.Context, tx *wtx) error {
	const q = `INSERT INTO enforcements (id, rule, trigger_instance_id, execution_id, enforced, doc)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	n, err := tx.exec(ctx, q, r.id, r.rule, r.triggerInstance, r.execution, r.enforced, r.doc)
	if err != nil {
		return fmt.Errorf("creating enforcement %s: %w", r.id, err)
	}
	if n == 0 {
		return idExists("enforcements", r.id)
	}
	return nil
}
