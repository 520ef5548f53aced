package api

import (
	"context"
	"time"
)

// Stream event names. StackStorm names a stream event
// "<exchange>__<routing key>": its model publishers use the exchange
// st2.<model> with the routing keys create and update, execution output
// goes out as st2.execution.output__create, and a trigger instance is
// dispatched on st2.trigger_instances_dispatch with the routing key
// trigger_instance. Stormless names the records it adds to the stream
// (trigger instance status changes, rule enforcements, inquiries) the
// same way.
const (
	EventExecutionCreate       = "st2.execution__create"
	EventExecutionUpdate       = "st2.execution__update"
	EventExecutionOutput       = "st2.execution.output__create"
	EventTriggerInstance       = "st2.trigger_instances_dispatch__trigger_instance"
	EventTriggerInstanceUpdate = "st2.trigger_instance__update"
	EventEnforcementCreate     = "st2.rule_enforcement__create"
	EventInquiryCreate         = "st2.inquiry__create"
	EventInquiryUpdate         = "st2.inquiry__update"
)

// Change is one change the event stream reports: Event is one of the
// Event* names, Data the record as the REST API shows it (an
// execution.Execution, TriggerInstance, Enforcement or Inquiry; for
// EventExecutionOutput an OutputEvent).
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

// OutputEvent is the data of EventExecutionOutput: one line an execution
// printed, StackStorm's ActionExecutionOutput shape.
type OutputEvent struct {
	ExecutionID string    `json:"execution_id"`
	Timestamp   time.Time `json:"timestamp"`
	OutputType  string    `json:"output_type"`
	Host        string    `json:"host,omitempty"`
	Data        string    `json:"data"`
}
