package sensor

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/stormless/stormless/internal/schema"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
)

var _ Dispatcher = (*BusDispatcher)(nil)

// PayloadError is a payload refused by its trigger type's payload_schema.
type PayloadError struct {
	TriggerType string
	Reason      string
}

// Error names the trigger type and the violations.
func (e *PayloadError) Error() string {
	return fmt.Sprintf("payload of trigger %s does not match its payload_schema: %s", e.TriggerType, e.Reason)
}

// TypeLookup finds a trigger type by ref; (*pack.Set).TriggerType is one.
type TypeLookup func(ref string) (*pack.TriggerType, bool)

// BusDispatcher validates payloads against their trigger type's
// payload_schema and publishes them as events. It is safe for concurrent
// use.
type BusDispatcher struct {
	pub    bus.Publisher
	lookup TypeLookup

	mu      sync.Mutex
	schemas map[string]*schema.Schema // by trigger type ref; nil: none
}

// NewBusDispatcher returns a dispatcher publishing to pub. lookup may be
// nil: then payloads are not validated.
func NewBusDispatcher(pub bus.Publisher, lookup TypeLookup) (*BusDispatcher, error) {
	if pub == nil {
		return nil, errors.New("creating sensor dispatcher: nil publisher")
	}
	return &BusDispatcher{pub: pub, lookup: lookup, schemas: map[string]*schema.Schema{}}, nil
}

// Dispatch validates payload and publishes the trigger instance. An
// unknown trigger type is refused when a lookup is set.
func (d *BusDispatcher) Dispatch(ctx context.Context, t bus.Trigger, payload any) error {
	if err := d.validate(t.Type, payload); err != nil {
		return err
	}
	e, err := bus.NewEvent(t.Type, t.Parameters, payload)
	if err != nil {
		return fmt.Errorf("dispatching trigger %s: %w", t.Type, err)
	}
	if err := d.pub.Publish(ctx, e); err != nil {
		return fmt.Errorf("dispatching trigger %s: %w", t.Type, err)
	}
	return nil
}

func (d *BusDispatcher) validate(ref string, payload any) error {
	if d.lookup == nil {
		return nil
	}
	s, err := d.schema(ref)
	if err != nil || s == nil {
		return err
	}
	if err := s.Validate(payload); err != nil {
		return &PayloadError{TriggerType: ref, Reason: err.Error()}
	}
	return nil
}

// schema returns the compiled payload_schema of ref, nil when it has none.
func (d *BusDispatcher) schema(ref string) (*schema.Schema, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s, ok := d.schemas[ref]; ok {
		return s, nil
	}
	t, ok := d.lookup(ref)
	if !ok {
		return nil, fmt.Errorf("dispatching trigger %s: unknown trigger type", ref)
	}
	var s *schema.Schema
	if t.PayloadSchema != nil {
		var err error
		if s, err = schema.Compile(t.PayloadSchema); err != nil {
			return nil, fmt.Errorf("compiling payload_schema of %s: %w", ref, err)
		}
	}
	d.schemas[ref] = s
	return s, nil
}
