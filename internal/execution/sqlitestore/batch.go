package sqlitestore

import (
	"context"

	"github.com/stormless/stormless/internal/execution"
)

// CreateBatch implements execution.Batches: the whole batch is one write
// under one savepoint, so it is stored all or nothing.
func (s *Store) CreateBatch(ctx context.Context, b execution.Batch) error {
	if err := validateBatch(b); err != nil {
		return err
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		return insertBatch(ctx, tx, b)
	})
}

// validateBatch validates every record of b.
func validateBatch(b execution.Batch) error {
	for i := range b.TriggerInstances {
		if err := b.TriggerInstances[i].Validate(); err != nil {
			return err
		}
	}
	for i := range b.Traces {
		if err := b.Traces[i].Validate(); err != nil {
			return err
		}
	}
	for i := range b.Enforcements {
		if err := b.Enforcements[i].Validate(); err != nil {
			return err
		}
	}
	for i := range b.Executions {
		if err := b.Executions[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}

// insertBatch inserts every record of b; the caller's savepoint undoes
// them all on error.
func insertBatch(ctx context.Context, tx *wtx, b execution.Batch) error {
	for _, t := range b.TriggerInstances {
		if err := insertTriggerInstance(ctx, tx, t); err != nil {
			return err
		}
	}
	for _, t := range b.Traces {
		if err := insertTrace(ctx, tx, t); err != nil {
			return err
		}
	}
	for _, e := range b.Enforcements {
		if err := insertEnforcement(ctx, tx, e); err != nil {
			return err
		}
	}
	for _, e := range b.Executions {
		if err := insertExecution(ctx, tx, e); err != nil {
			return err
		}
	}
	return nil
}
