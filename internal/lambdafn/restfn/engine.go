package restfn

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/lambdafn/recordbus"
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
	// before it puts the event on the bus (the api and webhook functions
	// set it). Without it only the enforcer records trigger instances, the
	// ones that match a rule.
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
// first records each event's trigger instance (recordbus.Publisher:
// status processed, and processing_failed for an entry the bus refuses).
// Failures are reported per entry, as bus.Publisher says.
func (e *BusEngine) Publish(ctx context.Context, events ...bus.Event) error {
	if !e.RecordTriggerInstances {
		return e.Bus.Publish(ctx, events...)
	}
	return recordbus.Publisher{Store: e.Store, Bus: e.Bus}.Publish(ctx, events...)
}
