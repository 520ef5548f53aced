package bus

import "context"

// Publisher publishes events, like EventBridge's PutEvents. Publish
// returns nil once every event is accepted; accepted means the adapter
// will deliver it (inproc: after its durable hook committed it;
// eventbridge: EventBridge acknowledged it). When some entries fail, it
// returns a *PublishError naming them by index, and the others are
// accepted; callers retry only the failed ones (PublishError.Failed).
// A cancelled ctx fails the entries not yet accepted. Implementations are
// safe for concurrent use.
type Publisher interface {
	Publish(ctx context.Context, events ...Event) error
}

// Handler receives the events a subscriber is delivered. HandleEvent may
// be called concurrently for different events; an error is reported by
// the adapter (it does not undo the acceptance of the event).
type Handler interface {
	HandleEvent(ctx context.Context, e Event) error
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, e Event) error

// HandleEvent calls f(ctx, e).
func (f HandlerFunc) HandleEvent(ctx context.Context, e Event) error { return f(ctx, e) }

// Subscriber registers handlers with a bus that delivers in process.
// Subscribe returns a function that removes the handler; events already
// being delivered may still reach it.
type Subscriber interface {
	Subscribe(h Handler) (unsubscribe func())
}

// Committer makes accepted events durable before delivery (the local
// engine records the trigger instances). Commit returns nil when all
// events are committed, a *PublishError (indexes into events) when some
// are not, or any other error when none are.
type Committer interface {
	Commit(ctx context.Context, events []Event) error
}

// CommitterFunc adapts a function to Committer.
type CommitterFunc func(ctx context.Context, events []Event) error

// Commit calls f(ctx, events).
func (f CommitterFunc) Commit(ctx context.Context, events []Event) error { return f(ctx, events) }
