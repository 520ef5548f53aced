package restfn

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

// BusEngine is the api.Engine of the webhook function, and the part of
// the api function's engine that publishes: trigger instances go to the
// event bus. Submit and Respond are the api function's (apifn.Engine);
// here they fail with ErrNotServed. It is safe for concurrent use.
type BusEngine struct {
	Set   *pack.Set
	Store execution.Store
	// Bus publishes to EventBridge (eventbridge.Publisher).
	Bus bus.Publisher
	// RecordTriggerInstances makes Publish record each trigger instance
	// before it puts the event on the bus. Without it (functions with no
	// table access: webhook, sensor) the enforcer records the trigger
	// instances that match a rule.
	RecordTriggerInstances bool
}

var _ api.Engine = (*BusEngine)(nil)

// ErrNotServed is returned (wrapped) by the requests a function leaves to
// another one.
var ErrNotServed = errors.New("not served by this function")

// Packs returns the loaded packs.
func (e *BusEngine) Packs() *pack.Set { return e.Set }

// Submit fails: runs are the api function's.
func (e *BusEngine) Submit(context.Context, string, map[string]any, string) (string, error) {
	return "", fmt.Errorf("running an action: %w", ErrNotServed)
}

// Respond fails: inquiries are the api function's.
func (e *BusEngine) Respond(context.Context, string, map[string]any, string) (execution.Inquiry, error) {
	return execution.Inquiry{}, fmt.Errorf("answering an inquiry: %w", ErrNotServed)
}

// Publish puts the events on the bus. With RecordTriggerInstances it
// first records each event's trigger instance (status processed: from
// here EventBridge routes it to the rules), and an entry EventBridge
// refuses marks its trigger instance processing_failed. Failures are
// reported per entry, as bus.Publisher says.
func (e *BusEngine) Publish(ctx context.Context, events ...bus.Event) error {
	if !e.RecordTriggerInstances {
		return e.Bus.Publish(ctx, events...)
	}
	var res bus.Results
	var ok []bus.Event
	var idx []int
	tis := map[int]string{}
	for i, ev := range events {
		ti, err := ev.TriggerInstance()
		if err == nil {
			ti.Status = execution.TriggerProcessed
			if ti.OccurrenceTime.IsZero() {
				ti.OccurrenceTime = time.Now().UTC()
			}
			err = e.Store.CreateTriggerInstance(ctx, ti)
			if errors.Is(err, execution.ErrConflict) {
				err = nil // a retried publish: recorded already
			}
		}
		if err != nil {
			res.Fail(i, ev.ID, fmt.Errorf("recording trigger instance: %w", err))
			continue
		}
		tis[len(ok)] = ti.ID
		ok = append(ok, ev)
		idx = append(idx, i)
	}
	if len(ok) > 0 {
		failed, _ := bus.FailedIndexes(e.Bus.Publish(ctx, ok...), idx)
		for j, i := range idx {
			err, bad := failed[i]
			if !bad {
				continue
			}
			res.Fail(i, events[i].ID, err)
			_, _ = e.Store.SetTriggerInstanceStatus(context.WithoutCancel(ctx), tis[j], execution.TriggerProcessed, execution.TriggerProcessingFailed)
		}
	}
	return res.Err(len(events))
}
