package inproc

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/stormless/stormless/internal/bus"
)

var (
	_ bus.Publisher  = (*Bus)(nil)
	_ bus.Subscriber = (*Bus)(nil)
)

// ErrUndelivered wraps the error reported for an accepted event that a
// Close whose context expired left undelivered.
var ErrUndelivered = errors.New("event left undelivered at close")

// Bus is an in-process event bus. It is safe for concurrent use; Close
// must be called to stop its workers.
type Bus struct {
	s settings

	mu       sync.Mutex // guards closing and subs writes
	closing  bool
	done     chan struct{} // closed when Close starts
	inflight sync.WaitGroup

	reserveMu sync.Mutex    // one publisher reserves at a time
	slots     chan struct{} // one token per reserved or queued event
	queue     chan bus.Event

	subs atomic.Pointer[[]*subscription]

	deliverCtx context.Context // handlers' context, cancelled by a forced Close
	cancel     context.CancelFunc
	workers    sync.WaitGroup
	stopped    chan struct{} // closed when every worker returned
}

type subscription struct{ h bus.Handler }

// New returns a running Bus.
func New(opts ...Option) (*Bus, error) {
	s := defaults()
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, fmt.Errorf("creating in-process bus: %w", err)
		}
	}
	b := &Bus{
		s:       s,
		done:    make(chan struct{}),
		slots:   make(chan struct{}, s.queueSize),
		queue:   make(chan bus.Event, s.queueSize),
		stopped: make(chan struct{}),
	}
	b.subs.Store(&[]*subscription{})
	b.deliverCtx, b.cancel = context.WithCancel(context.Background())
	b.startWorkers()
	return b, nil
}

// Subscribe adds h; every event accepted afterwards is delivered to it.
// The returned function removes h and may be called more than once.
func (b *Bus) Subscribe(h bus.Handler) (unsubscribe func()) {
	sub := &subscription{h: h}
	b.mu.Lock()
	next := append(append([]*subscription{}, *b.subs.Load()...), sub)
	b.subs.Store(&next)
	b.mu.Unlock()
	return func() { b.unsubscribe(sub) }
}

func (b *Bus) unsubscribe(sub *subscription) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var next []*subscription
	for _, s := range *b.subs.Load() {
		if s != sub {
			next = append(next, s)
		}
	}
	b.subs.Store(&next)
}

// Queued returns how many accepted events wait for a worker, for health
// reporting.
func (b *Bus) Queued() int { return len(b.queue) }
