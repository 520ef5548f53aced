package inproc

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
)

func (b *Bus) startWorkers() {
	b.workers.Add(b.s.workers)
	for range b.s.workers {
		go b.work()
	}
	go func() {
		b.workers.Wait()
		close(b.stopped)
	}()
}

// work delivers queued events until the queue is closed and drained.
func (b *Bus) work() {
	defer b.workers.Done()
	for e := range b.queue {
		<-b.slots
		if err := b.deliverCtx.Err(); err != nil {
			b.s.onError(b.deliverCtx, e, fmt.Errorf("delivering event %s: %w: %w", e.ID, ErrUndelivered, err))
			continue
		}
		b.deliver(e)
	}
}

// deliver hands e to every current subscriber, reporting their errors.
func (b *Bus) deliver(e bus.Event) {
	for _, s := range *b.subs.Load() {
		if err := handle(b.deliverCtx, s.h, e); err != nil {
			b.s.onError(b.deliverCtx, e, fmt.Errorf("handling event %s: %w", e.ID, err))
		}
	}
}

// handle calls h, turning a panic into an error so one bad handler cannot
// take the process down.
func handle(ctx context.Context, h bus.Handler, e bus.Event) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return h.HandleEvent(ctx, e)
}
