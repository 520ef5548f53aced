// Package recordbus is the bus.Publisher of the functions that accept
// trigger instances on AWS (webhook, api, sensor): it records each trigger
// instance in the audit trail before it puts the event on the event bus,
// so that every accepted instance is recorded, whether a rule matches it
// or not, as StackStorm records every trigger instance.
//
// The record has the trigger instance id of the event (detail.id, or the
// event id of an AWS service event) and status processed: from there
// EventBridge routes it to the rules. The enforcer records the same id
// with the same status (enforce.WithTriggerInstances) and keeps an
// existing record, so its later write never conflicts; creates are
// conditional (execution.ErrConflict for an existing id), so a retried
// publish never records twice.
package recordbus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
)

// Store is the part of execution.Store the publisher writes: the trigger
// instance items only (dynamostore: a conditional PutItem, and a
// conditional UpdateItem when a publish fails).
type Store interface {
	CreateTriggerInstance(ctx context.Context, t execution.TriggerInstance) error
	SetTriggerInstanceStatus(ctx context.Context, id string, from, to execution.TriggerInstanceStatus) (execution.TriggerInstance, error)
}

// Publisher records, then publishes. It is safe for concurrent use when
// Store and Bus are.
type Publisher struct {
	Store Store
	// Bus publishes to EventBridge (eventbridge.Publisher).
	Bus bus.Publisher
	// Now replaces time.Now for an event without a time.
	Now func() time.Time
}

var _ bus.Publisher = Publisher{}

// Publish records each event's trigger instance (status processed; an
// existing record, from a retried publish, is kept), then puts the
// recorded events on the bus. An event whose record fails is not
// published; an entry the bus refuses marks its record processing_failed,
// and a retry the bus accepts marks it processed again. Failures are
// reported per entry (a *bus.PublishError), as bus.Publisher says.
func (p Publisher) Publish(ctx context.Context, events ...bus.Event) error {
	var res bus.Results
	var ok []bus.Event
	var idx []int
	var recs []recorded
	for i, ev := range events {
		rec, err := p.record(ctx, ev)
		if err != nil {
			res.Fail(i, ev.ID, err)
			continue
		}
		ok, idx, recs = append(ok, ev), append(idx, i), append(recs, rec)
	}
	if len(ok) == 0 {
		return res.Err(len(events))
	}
	failed, _ := bus.FailedIndexes(p.Bus.Publish(ctx, ok...), idx)
	// The status changes are best effort: the publish error is what the
	// caller must see.
	bg := context.WithoutCancel(ctx)
	for j, i := range idx {
		err, bad := failed[i]
		switch {
		case bad:
			res.Fail(i, events[i].ID, err)
			_, _ = p.Store.SetTriggerInstanceStatus(bg, recs[j].id, execution.TriggerProcessed, execution.TriggerProcessingFailed)
		case recs[j].existed:
			_, _ = p.Store.SetTriggerInstanceStatus(bg, recs[j].id, execution.TriggerProcessingFailed, execution.TriggerProcessed)
		}
	}
	return res.Err(len(events))
}

// recorded is the trigger instance of one event: its id, and whether it
// was recorded before (a retried publish).
type recorded struct {
	id      string
	existed bool
}

// record creates ev's trigger instance.
func (p Publisher) record(ctx context.Context, ev bus.Event) (recorded, error) {
	ti, err := ev.TriggerInstance()
	if err != nil {
		return recorded{}, fmt.Errorf("recording the trigger instance of event %s: %w", ev.ID, err)
	}
	ti.Status = execution.TriggerProcessed
	if ti.OccurrenceTime.IsZero() {
		now := time.Now
		if p.Now != nil {
			now = p.Now
		}
		ti.OccurrenceTime = now().UTC()
	}
	err = p.Store.CreateTriggerInstance(ctx, ti)
	existed := errors.Is(err, execution.ErrConflict)
	if err != nil && !existed {
		return recorded{}, fmt.Errorf("recording trigger instance %s: %w", ti.ID, err)
	}
	return recorded{id: ti.ID, existed: existed}, nil
}
