package sqlitestore

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// batchRows is a batch encoded for its tables.
type batchRows struct {
	triggerInstances []triggerInstanceRow
	traces           []traceRow
	enforcements     []enforcementRow
	executions       []executionRow
}

// CreateBatch implements execution.Batches: every id and parent is checked
// before the first insert, so a failing batch writes nothing.
func (s *Store) CreateBatch(ctx context.Context, b execution.Batch) error {
	rows, err := encodeBatch(b)
	if err != nil {
		return err
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		if err := rows.check(ctx, tx); err != nil {
			return err
		}
		return rows.insert(ctx, tx)
	})
}

// encodeBatch validates and encodes every record of b.
func encodeBatch(b execution.Batch) (batchRows, error) {
	var r batchRows
	if n := b.Len(); n > execution.MaxBatchRecords {
		return r, fmt.Errorf("creating batch of %d records, more than %d: %w", n, execution.MaxBatchRecords, execution.ErrInvalid)
	}
	for _, t := range b.TriggerInstances {
		row, err := validThen(t.Validate, func() (triggerInstanceRow, error) { return newTriggerInstanceRow(t) })
		if err != nil {
			return r, err
		}
		r.triggerInstances = append(r.triggerInstances, row)
	}
	for _, t := range b.Traces {
		row, err := validThen(t.Validate, func() (traceRow, error) { return newTraceRow(t) })
		if err != nil {
			return r, err
		}
		r.traces = append(r.traces, row)
	}
	for _, e := range b.Enforcements {
		row, err := validThen(e.Validate, func() (enforcementRow, error) { return newEnforcementRow(e) })
		if err != nil {
			return r, err
		}
		r.enforcements = append(r.enforcements, row)
	}
	for _, e := range b.Executions {
		row, err := validThen(e.Validate, func() (executionRow, error) { return newExecutionRow(e) })
		if err != nil {
			return r, err
		}
		r.executions = append(r.executions, row)
	}
	return r, nil
}

// validThen runs validate, then encode.
func validThen[T any](validate func() error, encode func() (T, error)) (T, error) {
	if err := validate(); err != nil {
		var zero T
		return zero, err
	}
	return encode()
}

// check fails with ErrConflict when an id exists (in the store or twice in
// the batch) and ErrNotFound when a parent is missing.
func (r batchRows) check(ctx context.Context, tx *wtx) error {
	seen := map[string]bool{}
	checkID := func(table, id string) error {
		if seen[table+"/"+id] {
			return fmt.Errorf("creating %s %s: id twice in batch: %w", table, id, execution.ErrConflict)
		}
		seen[table+"/"+id] = true
		return checkNew(ctx, tx, table, id)
	}
	for _, t := range r.triggerInstances {
		if err := checkID("trigger_instances", t.id); err != nil {
			return err
		}
	}
	for _, t := range r.traces {
		if err := checkID("traces", t.id); err != nil {
			return err
		}
	}
	for _, e := range r.enforcements {
		if err := checkID("enforcements", e.id); err != nil {
			return err
		}
	}
	for _, e := range r.executions {
		if err := checkID("executions", e.id); err != nil {
			return err
		}
		if e.parent != "" && !seen["executions/"+e.parent] {
			if err := checkParent(ctx, tx, e.parent, e.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// insert writes every row of r; check passed.
func (r batchRows) insert(ctx context.Context, tx *wtx) error {
	for _, t := range r.triggerInstances {
		if err := t.insert(ctx, tx); err != nil {
			return err
		}
	}
	for _, t := range r.traces {
		if err := t.insert(ctx, tx); err != nil {
			return err
		}
	}
	for _, e := range r.enforcements {
		if err := e.insert(ctx, tx); err != nil {
			return err
		}
	}
	for _, e := range r.executions {
		if err := e.insert(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}
