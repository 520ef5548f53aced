package api

import (
	"context"
)

// Stream event names, StackStorm's.
const (
	EventExecutionCreate = "st2.execution__create"
	EventExecutionUpdate = "st2.execution__update"
	EventTriggerInstance = "st2.trigger_instances_dispatch__trigger_instance"
)

// Change is one change the event stream reports: Event is one of the
// Event* names, Data the record as the REST API shows it.
type Change struct {
	Event string
	Data  any
}

// Notifier reports record changes to the event stream. The local engine may
// provide one that is told of every write; without it the API polls the
// store (see WithNotifier).
type Notifier interface {
	// Subscribe returns a channel of the changes that happen from now on
	// until ctx is done, when the channel is closed. A subscriber that
	// falls behind may miss changes (the stream is a hint to refresh, as
	// StackStorm's is). Safe for concurrent use.
	Subscribe(ctx context.Context) <-chan Change
}

// WithNotifier feeds the event stream from n instead of polling the store.
func WithNotifier(n Notifier) Option {
	return func(h *Handler) error {
		if n == nil {
			return errorf("nil notifier")
		}
		h.notifier = n
		return nil
	}
}
