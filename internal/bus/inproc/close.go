package inproc

import (
	"context"
	"fmt"
)

// Close stops accepting events (Publish then fails every entry with
// bus.ErrClosed, and wakes publishers blocked on a full queue), waits for
// in-flight Publish calls, and delivers every accepted event before
// returning nil. If ctx ends first, handlers' contexts are cancelled, the
// remaining events are reported to the error handler wrapped in
// ErrUndelivered, and Close returns ctx's error once the workers have
// returned (handlers must honour their context). Close may be called more
// than once.
func (b *Bus) Close(ctx context.Context) error {
	b.mu.Lock()
	first := !b.closing
	b.closing = true
	b.mu.Unlock()
	if first {
		close(b.done)
		b.inflight.Wait()
		close(b.queue)
	}
	select {
	case <-b.stopped:
		b.cancel()
		return nil
	case <-ctx.Done():
		b.cancel()
		<-b.stopped
		return fmt.Errorf("closing in-process bus: %w", ctx.Err())
	}
}
