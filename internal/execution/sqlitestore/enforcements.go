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
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		return insertEnforcement(ctx, tx, e)
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

// insertEnforcement stores a new enforcement.
func insertEnforcement(ctx context.Context, tx *wtx, e execution.Enforcement) error {
	doc, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encoding enforcement %s: %w", e.ID, err)
	}
	const q = `INSERT INTO enforcements (id, rule, trigger_instance_id, execution_id, enforced, doc)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	n, err := tx.exec(ctx, q, e.ID, e.Rule.Ref, e.TriggerInstanceID, e.ExecutionID, e.EnforcedAt.UnixNano(), doc)
	if err != nil {
		return fmt.Errorf("creating enforcement %s: %w", e.ID, err)
	}
	return conflict(n, "enforcement", e.ID)
}
