package local

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
)

// feedQueue is how many writes the feed may hold before it reports them;
// beyond it, writes are not reported (the stream is a hint to refresh).
const feedQueue = 4096

// feedBuffer is how many changes a subscriber may lag behind before it
// misses some.
const feedBuffer = 1024

// feed is the engine's change feed, an api.Notifier: the store the engine
// writes through (feedStore) tells it of every write, and it reports each
// as a Change to its subscribers, in the order the writes returned. The
// record of a write that does not return it (a batch) is worked out from
// what the feed last reported (knownExecutions) or read back, in the
// feed's own goroutine, never in the writer's; with no subscriber a write
// costs one atomic load.
type feed struct {
	store execution.Store // the store itself, for read-backs

	listening atomic.Bool
	mu        sync.Mutex
	subs      map[chan api.Change]struct{}
	notes     chan note
	stop      context.CancelFunc
}

var _ api.Notifier = (*feed)(nil)

// note is one write to report: the change when the write returned the
// record, else what to read back or work out.
type note struct {
	change api.Change
	// instance is a trigger instance's status change written in a batch.
	instance *execution.TriggerInstanceChange
	// created, moved and record are an execution written: created, moved
	// by a batch (no record returned), or moved with its record returned.
	created *execution.Execution
	moved   *execution.Transition
	record  execution.Execution
	isExec  bool
}

func newFeed(store execution.Store) *feed {
	return &feed{store: store, subs: map[chan api.Change]struct{}{}}
}

// Subscribe implements api.Notifier: changes written from now on until
// ctx is done.
func (f *feed) Subscribe(ctx context.Context) <-chan api.Change {
	ch := make(chan api.Change, feedBuffer)
	f.mu.Lock()
	f.subs[ch] = struct{}{}
	if f.stop == nil {
		var pumpCtx context.Context
		pumpCtx, f.stop = context.WithCancel(context.Background())
		f.notes = make(chan note, feedQueue)
		go f.pump(pumpCtx, f.notes)
		f.listening.Store(true)
	}
	f.mu.Unlock()
	context.AfterFunc(ctx, func() { f.unsubscribe(ch) })
	return ch
}

// unsubscribe removes and closes ch; the last one leaving stops the pump.
func (f *feed) unsubscribe(ch chan api.Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.subs, ch)
	close(ch)
	if len(f.subs) == 0 && f.stop != nil {
		f.listening.Store(false)
		f.stop()
		f.stop, f.notes = nil, nil
	}
}

// add queues n unless nobody listens or the queue is full.
func (f *feed) add(n note) {
	if !f.listening.Load() {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.notes == nil {
		return
	}
	select {
	case f.notes <- n:
	default:
	}
}

// pump reports the queued notes until ctx is done.
func (f *feed) pump(ctx context.Context, notes <-chan note) {
	known := knownExecutions{}
	instances := knownInstances{}
	for {
		select {
		case <-ctx.Done():
			return
		case n := <-notes:
			if c, ok := f.resolve(ctx, known, instances, n); ok {
				f.broadcast(c)
			}
		}
	}
}

// resolve returns the change n reports, reading the record back when it
// must; a record that cannot be read is not reported.
func (f *feed) resolve(ctx context.Context, known knownExecutions, instances knownInstances, n note) (api.Change, bool) {
	switch {
	case n.isExec:
		return known.change(ctx, f.store, n)
	case n.instance != nil:
		return instances.changed(ctx, f.store, *n.instance)
	}
	if t, ok := n.change.Data.(execution.TriggerInstance); ok {
		instances.remember(t)
	}
	return n.change, true
}

// broadcast sends c to every subscriber that has room.
func (f *feed) broadcast(c api.Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range f.subs {
		select {
		case ch <- c:
		default:
		}
	}
}

// Notifier returns the engine's change feed: every execution, output line,
// trigger instance, rule enforcement and inquiry the engine records is
// reported to its subscribers (see api.WithNotifier), without polling.
func (e *Engine) Notifier() api.Notifier { return e.feed }
