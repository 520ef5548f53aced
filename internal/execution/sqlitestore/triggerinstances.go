package sqlitestore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// CreateTriggerInstance implements execution.TriggerInstances.
func (s *Store) CreateTriggerInstance(ctx context.Context, t execution.TriggerInstance) error {
	if err := t.Validate(); err != nil {
		return err
	}
	r, err := newTriggerInstanceRow(t)
	if err != nil {
		return err
	}
	return s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		if err := checkNew(ctx, tx, "trigger_instances", r.id); err != nil {
			return err
		}
		return r.insert(ctx, tx)
	})
}

// GetTriggerInstance implements execution.TriggerInstances.
func (s *Store) GetTriggerInstance(ctx context.Context, id string) (execution.TriggerInstance, error) {
	var t execution.TriggerInstance
	err := get(ctx, s, "trigger_instances", id, &t)
	return t, err
}

// ListTriggerInstances implements execution.TriggerInstances.
func (s *Store) ListTriggerInstances(ctx context.Context, q execution.TriggerInstanceQuery) (execution.Page[execution.TriggerInstance], error) {
	l := listing{table: "trigger_instances", ts: "occurred", tr: q.TimeRange, page: q.PageQuery}
	l.eq("trigger", q.Trigger)
	l.eq("status", string(q.Status))
	return list[execution.TriggerInstance](ctx, s, l)
}

// SetTriggerInstanceStatus implements execution.TriggerInstances.
func (s *Store) SetTriggerInstanceStatus(ctx context.Context, id string, from, to execution.TriggerInstanceStatus) (execution.TriggerInstance, error) {
	var t execution.TriggerInstance
	if !from.Valid() || !to.Valid() {
		return t, fmt.Errorf("setting trigger instance %s from %q to %q: %w", id, from, to, execution.ErrInvalid)
	}
	var doc []byte
	err := s.w.do(ctx, func(ctx context.Context, tx *wtx) error {
		var err error
		doc, err = setTriggerInstanceStatus(ctx, tx, id, from, to)
		return err
	})
	if err != nil {
		return t, err
	}
	if err := json.Unmarshal(doc, &t); err != nil {
		return t, fmt.Errorf("decoding trigger instance %s: %w", id, err)
	}
	return t, nil
}

// setTriggerInstanceStatus is the compare-and-set inside the writer: one
// UPDATE that holds from in its WHERE clause and edits the document in
// place; when no row matched, ErrNotFound or ErrConflict says why.
func setTriggerInstanceStatus(ctx context.Context, tx *wtx, id string, from, to execution.TriggerInstanceStatus) ([]byte, error) {
	var doc []byte
	err := tx.queryRow(ctx, setTriggerInstanceQuery+" RETURNING doc", string(to), id, string(from)).Scan(&doc)
	if err == nil {
		return doc, nil
	}
	if !isNotFound(notFound(err, "", "")) {
		return nil, fmt.Errorf("setting trigger instance %s: %w", id, err)
	}
	return nil, triggerInstanceMissed(ctx, tx, id, from)
}

// setTriggerInstanceQuery is the compare-and-set of a trigger instance's
// status: ?1 the new status, ?2 the id, ?3 the status it must have.
const setTriggerInstanceQuery = `UPDATE trigger_instances SET status = ?1, doc = json_set(doc, '$.status', ?1)
		WHERE id = ?2 AND status = ?3`

// changeTriggerInstance is setTriggerInstanceStatus without reading the
// record back.
func changeTriggerInstance(ctx context.Context, tx *wtx, id string, from, to execution.TriggerInstanceStatus) error {
	n, err := tx.exec(ctx, setTriggerInstanceQuery, string(to), id, string(from))
	if err != nil {
		return fmt.Errorf("setting trigger instance %s: %w", id, err)
	}
	if n == 0 {
		return triggerInstanceMissed(ctx, tx, id, from)
	}
	return nil
}

// triggerInstanceMissed says why a compare-and-set matched no row:
// ErrNotFound or ErrConflict.
func triggerInstanceMissed(ctx context.Context, tx *wtx, id string, from execution.TriggerInstanceStatus) error {
	var status string
	if err := tx.queryRow(ctx, "SELECT status FROM trigger_instances WHERE id = ?", id).Scan(&status); err != nil {
		return notFound(err, "trigger instance", id)
	}
	return fmt.Errorf("setting trigger instance %s from %q: it is %q: %w", id, from, status, execution.ErrConflict)
}

// triggerInstanceRow is a new trigger instance encoded for its table.
type triggerInstanceRow struct {
	id, trigger, status string
	occurred            int64
	doc                 []byte
}

// newTriggerInstanceRow encodes t.
func newTriggerInstanceRow(t execution.TriggerInstance) (triggerInstanceRow, error) {
	doc, err := json.Marshal(t)
	if err != nil {
		return triggerInstanceRow{}, fmt.Errorf("encoding trigger instance %s: %w", t.ID, err)
	}
	return triggerInstanceRow{id: t.ID, trigger: t.Trigger, status: string(t.Status), occurred: t.OccurrenceTime.UnixNano(), doc: doc}, nil
}

// insert writes r; the caller checked that its id is new.
func (r triggerInstanceRow) insert(ctx context.Context, tx *wtx) error {
	const q = "INSERT INTO trigger_instances (id, trigger, status, occurred, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
	n, err := tx.exec(ctx, q, r.id, r.trigger, r.status, r.occurred, r.doc)
	if err != nil {
		return fmt.Errorf("creating trigger instance %s: %w", r.id, err)
	}
	if n == 0 {
		return idExists("trigger_instances", r.id)
	}
	return nil
}
