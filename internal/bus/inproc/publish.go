package inproc

import (
	"context"

	"github.com/stormless/stormless/internal/bus"
)

// Publish accepts events as the bus.Publisher contract says: it blocks
// while the queue is full, until ctx is done or the bus closes (those
// entries fail with ctx's error or bus.ErrClosed), and returns once every
// accepted event is committed and queued. Invalid events fail alone.
func (b *Bus) Publish(ctx context.Context, events ...bus.Event) error {
	var res bus.Results
	if !b.enter() {
		res.FailAll(events, indexes(len(events)), bus.ErrClosed)
		return res.Err(len(events))
	}
	defer b.inflight.Done()
	valid := b.validate(events, &res)
	for len(valid) > 0 {
		n := min(len(valid), cap(b.slots))
		if err := b.accept(ctx, events, valid[:n], &res); err != nil {
			res.FailAll(events, valid, err)
			break
		}
		valid = valid[n:]
	}
	return res.Err(len(events))
}

// enter registers an in-flight Publish; false once the bus is closing.
func (b *Bus) enter() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

// validate records invalid events and returns the indexes of the others.
func (b *Bus) validate(events []bus.Event, res *bus.Results) []int {
	var valid []int
	for i, e := range events {
		if err := e.Validate(); err != nil {
			res.Fail(i, e.ID, err)
			continue
		}
		valid = append(valid, i)
	}
	return valid
}

// accept reserves room for the events at idx, commits them and queues the
// committed ones; it returns an error (and queues nothing) when no room
// could be reserved.
func (b *Bus) accept(ctx context.Context, events []bus.Event, idx []int, res *bus.Results) error {
	if err := b.reserve(ctx, len(idx)); err != nil {
		return err
	}
	failed := b.commit(ctx, events, idx)
	for _, i := range idx {
		if err, bad := failed[i]; bad {
			res.Fail(i, events[i].ID, err)
			<-b.slots
			continue
		}
		b.queue <- events[i] // never blocks: a slot is reserved
	}
	return nil
}

// reserve takes n slots, all or none.
func (b *Bus) reserve(ctx context.Context, n int) error {
	b.reserveMu.Lock()
	defer b.reserveMu.Unlock()
	for i := range n {
		if err := b.reserveOne(ctx); err != nil {
			b.release(i)
			return err
		}
	}
	return nil
}

func (b *Bus) reserveOne(ctx context.Context) error {
	select {
	case <-b.done:
		return bus.ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	select {
	case b.slots <- struct{}{}:
		return nil
	case <-b.done:
		return bus.ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (b *Bus) release(n int) {
	for range n {
		<-b.slots
	}
}

// commit hands the events at idx to the committer and returns the failed
// ones by index.
func (b *Bus) commit(ctx context.Context, events []bus.Event, idx []int) map[int]error {
	if b.s.committer == nil {
		return nil
	}
	batch := make([]bus.Event, len(idx))
	for j, i := range idx {
		batch[j] = events[i]
	}
	failed, _ := bus.FailedIndexes(b.s.committer.Commit(ctx, batch), idx)
	return failed
}

func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
