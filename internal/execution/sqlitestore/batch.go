package sqlitestore

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// batchRows is a batch encoded for its tables.
type batchRows struct {
	triggerInstances []triggerInstanceRow
	traces           []traceRow
	enforcements     []enforcementRow
	executions       []executionRow
	transitions      []transitionUpdate
	tiChanges        []execution.TriggerInstanceChange
}

// CreateBatch implements execution.Batches: a failing batch writes
// nothing. Parents and current statuses are checked before the first
// write; ids are not looked up first: each insert skips a taken id, and
// when one does after the batch's first write, the writer rolls the
// group back and commits it again without this batch (see redo), which
// is rare (an event enforced again after a crash).
func (s *Store) CreateBatch(ctx context.Context, b execution.Batch) error {
	rows, err := encodeBatch(b)
	if err != nil {
		return err
	}
	if rows.onlyChanges() {
		return s.w.do(ctx, rows.change)
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		if err := rows.check(ctx, tx); err != nil {
			return err
		}
		// The first change's compare-and-set writes nothing when it fails,
		// so it is its own check and goes first.
		n, err := rows.applyChanges(ctx, tx, 0, 1)
		if n == 0 && err != nil {
			return err
		}
		return rows.insert(ctx, tx, n > 0)
	})
}

// onlyChanges reports whether r holds status changes and nothing new.
func (r batchRows) onlyChanges() bool {
	return len(r.triggerInstances)+len(r.traces)+len(r.enforcements)+len(r.executions) == 0
}

// change applies a batch of status changes. The first one's
// compare-and-set writes nothing when it fails, so it is its own check:
// only the others are checked before it.
func (r batchRows) change(ctx context.Context, tx *wtx) error {
	if err := r.checkChanges(ctx, tx, 1); err != nil {
		return err
	}
	n, err := r.applyChanges(ctx, tx, 0, r.changes())
	if n == 0 {
		return err
	}
	return afterWrite(err)
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
	return r, encodeChanges(b, &r)
}

// encodeChanges checks and encodes b's status changes into r.
func encodeChanges(b execution.Batch, r *batchRows) error {
	seen := map[string]bool{}
	for _, t := range b.Transitions {
		if err := checkOnce(seen, "execution", t.ID); err != nil {
			return err
		}
		if err := t.Check(); err != nil {
			return err
		}
		u, err := newTransitionUpdate(t.ID, t.Change)
		if err != nil {
			return err
		}
		r.transitions = append(r.transitions, u)
	}
	for _, c := range b.TriggerInstanceChanges {
		if err := checkOnce(seen, "trigger instance", c.ID); err != nil {
			return err
		}
		if !c.From.Valid() || !c.To.Valid() {
			return fmt.Errorf("setting trigger instance %s from %q to %q: %w", c.ID, c.From, c.To, execution.ErrInvalid)
		}
	}
	r.tiChanges = b.TriggerInstanceChanges
	return nil
}

// checkOnce fails with ErrInvalid when a batch changes one record twice.
func checkOnce(seen map[string]bool, kind, id string) error {
	if seen[kind+"/"+id] {
		return fmt.Errorf("changing %s %s twice in one batch: %w", kind, id, execution.ErrInvalid)
	}
	seen[kind+"/"+id] = true
	return nil
}

// validThen runs validate, then encode.
func validThen[T any](validate func() error, encode func() (T, error)) (T, error) {
	if err := validate(); err != nil {
		var zero T
		return zero, err
	}
	return encode()
}

// check fails with ErrConflict when an id is twice in the batch and
// ErrNotFound when a parent is missing. Ids already in the store are
// found by the inserts (see CreateBatch).
func (r batchRows) check(ctx context.Context, tx *wtx) error {
	seen := map[string]bool{}
	checkID := func(table, id string) error {
		if seen[table+"/"+id] {
			return fmt.Errorf("creating %s %s: id twice in batch: %w", table, id, execution.ErrConflict)
		}
		seen[table+"/"+id] = true
		return nil
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
	return r.checkChanges(ctx, tx, 1)
}

// checkChanges fails with ErrNotFound or ErrConflict unless every changed
// record but the first skip (in the order applyChanges writes them) exists
// in its From status.
func (r batchRows) checkChanges(ctx context.Context, tx *wtx, skip int) error {
	for i, u := range r.transitions {
		if i < skip {
			continue
		}
		if err := checkStatus(ctx, tx, "executions", u.id, u.from); err != nil {
			return err
		}
	}
	for i, c := range r.tiChanges {
		if len(r.transitions)+i < skip {
			continue
		}
		if err := checkStatus(ctx, tx, "trigger_instances", c.ID, string(c.From)); err != nil {
			return err
		}
	}
	return nil
}

// checkStatus fails with ErrNotFound when table has no row id, and with
// ErrConflict when its status is not want.
func checkStatus(ctx context.Context, tx *wtx, table, id, want string) error {
	var status string
	if err := tx.queryRow(ctx, "SELECT status FROM "+table+" WHERE id = ?", id).Scan(&status); err != nil {
		return notFound(err, table, id)
	}
	if status != want {
		return fmt.Errorf("changing %s %s from %q: it is %q: %w", table, id, want, status, execution.ErrConflict)
	}
	return nil
}

// insert writes every part of r but its first change, which the caller
// applied (wrote tells whether it did). check passed, so an error fails
// the whole group, except a taken id: it fails the batch alone, at once
// when nothing was written yet, else by redoing the group without it.
func (r batchRows) insert(ctx context.Context, tx *wtx, wrote bool) error {
	err := r.write(ctx, tx)
	var taken *idTaken
	if !errors.As(err, &taken) {
		return afterWrite(err)
	}
	if !wrote && taken.first {
		return taken.err
	}
	return &redo{err: taken.err}
}

// idTaken is an insert's finding that its id exists; first tells whether
// it was the batch's first write.
type idTaken struct {
	err   error
	first bool
}

// Error returns the conflict's text.
func (t *idTaken) Error() string { return t.err.Error() }

// write inserts the new records, then applies the changes. An id found
// taken comes back as *idTaken.
func (r batchRows) write(ctx context.Context, tx *wtx) error {
	first := true
	ins := func(err error) error {
		defer func() { first = false }()
		if errors.Is(err, execution.ErrConflict) {
			return &idTaken{err: err, first: first}
		}
		return err
	}
	for _, t := range r.triggerInstances {
		if err := ins(t.insert(ctx, tx)); err != nil {
			return err
		}
	}
	for _, t := range r.traces {
		if err := ins(t.insert(ctx, tx)); err != nil {
			return err
		}
	}
	for _, e := range r.enforcements {
		if err := ins(e.insert(ctx, tx)); err != nil {
			return err
		}
	}
	for _, e := range r.executions {
		if err := ins(e.insert(ctx, tx)); err != nil {
			return err
		}
	}
	_, err := r.applyChanges(ctx, tx, 1, r.changes())
	return err
}

// changes is how many status changes r holds.
func (r batchRows) changes() int { return len(r.transitions) + len(r.tiChanges) }

// applyChanges applies the status changes from index from up to (not
// including) to, executions first, and returns how many it applied before
// an error.
func (r batchRows) applyChanges(ctx context.Context, tx *wtx, from, to int) (int, error) {
	to = min(to, r.changes())
	for i := from; i < to; i++ {
		var err error
		if i < len(r.transitions) {
			err = r.transitions[i].run(ctx, tx)
		} else {
			c := r.tiChanges[i-len(r.transitions)]
			err = changeTriggerInstance(ctx, tx, c.ID, c.From, c.To)
		}
		if err != nil {
			return i - from, err
		}
	}
	return max(to-from, 0), nil
}
