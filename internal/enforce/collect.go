package enforce

import (
	"context"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
)

// TriggerRecorder is implemented by a publisher that knows which events
// no rule wants. For those, the finish step records the trigger instance
// (processed) in the same batch as the execution's outcome instead of
// publishing the event: one write instead of an event through the bus
// and a write of its own.
type TriggerRecorder interface {
	// Unmatched returns ev's trigger instance, processed, when no rule
	// matches ev; false when ev must be published.
	Unmatched(ev bus.Event) (execution.TriggerInstance, bool)
}

// collectKey marks a context whose published events are collected.
type collectKey struct{}

// collected holds the events published under a collecting context.
type collected struct{ events []bus.Event }

// collecting returns a context under which the enforcer's publisher
// collects events into c instead of publishing them.
func collecting(ctx context.Context, c *collected) context.Context {
	return context.WithValue(ctx, collectKey{}, c)
}

// collectingPublisher is the publisher the enforcer is given, which
// collects instead when the context says so.
type collectingPublisher struct{ inner bus.Publisher }

// Publish implements bus.Publisher.
func (p collectingPublisher) Publish(ctx context.Context, events ...bus.Event) error {
	if c, ok := ctx.Value(collectKey{}).(*collected); ok {
		c.events = append(c.events, events...)
		return nil
	}
	return p.inner.Publish(ctx, events...)
}

// recorder returns the publisher's TriggerRecorder, if it is one.
func (e *Enforcer) recorder() TriggerRecorder {
	p, ok := e.publisher.(collectingPublisher)
	if !ok {
		return nil
	}
	r, _ := p.inner.(TriggerRecorder)
	return r
}

// split sorts collected events into trigger instances to record in b and
// events to publish once b is written.
func (e *Enforcer) split(events []bus.Event, b *execution.Batch) []bus.Event {
	rec := e.recorder()
	var publish []bus.Event
	for _, ev := range events {
		if rec != nil && b.Len() < execution.MaxBatchRecords {
			if ti, ok := rec.Unmatched(ev); ok {
				b.TriggerInstances = append(b.TriggerInstances, ti)
				continue
			}
		}
		publish = append(publish, ev)
	}
	return publish
}

// publishNow publishes events past any collecting context; failures go to
// the error handler.
func (e *Enforcer) publishNow(ctx context.Context, events []bus.Event) {
	p, ok := e.publisher.(collectingPublisher)
	if !ok || len(events) == 0 {
		return
	}
	if err := p.inner.Publish(context.WithoutCancel(ctx), events...); err != nil && e.onError != nil {
		e.onError(err)
	}
}
