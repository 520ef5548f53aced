package inproc_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/bus/bustest"
	"github.com/stormless/stormless/internal/bus/inproc"
)

// collector records delivered events.
type collector struct {
	mu     sync.Mutex
	events []bus.Event
	more   chan struct{}
}

func newCollector() *collector { return &collector{more: make(chan struct{}, 1)} }

func (c *collector) HandleEvent(_ context.Context, e bus.Event) error {
	c.mu.Lock()
	c.events = append(c.events, e)
	c.mu.Unlock()
	select {
	case c.more <- struct{}{}:
	default:
	}
	return nil
}

// wait returns once n events arrived or ctx ended.
func (c *collector) wait(ctx context.Context, n int) []bus.Event {
	for {
		c.mu.Lock()
		got := append([]bus.Event(nil), c.events...)
		c.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-c.more:
		case <-ctx.Done():
			return got
		}
	}
}

func newBus(t *testing.T, opts ...inproc.Option) *inproc.Bus {
	t.Helper()
	b, err := inproc.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close(context.Background()) })
	return b
}

func event(t *testing.T, n int) bus.Event {
	t.Helper()
	e, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "t"}, map[string]any{"n": n})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestConformance(t *testing.T) {
	bustest.TestPublisher(t, func(t *testing.T) (bus.Publisher, func(context.Context, int) []bus.Event) {
		b := newBus(t, inproc.WithQueueSize(4))
		c := newCollector()
		b.Subscribe(c)
		return b, func(ctx context.Context, n int) []bus.Event {
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			return c.wait(ctx, n)
		}
	})
}

func TestBackpressure(t *testing.T) {
	release := make(chan struct{})
	b := newBus(t, inproc.WithQueueSize(2), inproc.WithWorkers(1))
	b.Subscribe(bus.HandlerFunc(func(context.Context, bus.Event) error { <-release; return nil }))
	// One event held by the worker, two filling the queue.
	if err := b.Publish(t.Context(), event(t, 0)); err != nil {
		t.Fatal(err)
	}
	if err := b.Publish(t.Context(), event(t, 1), event(t, 2)); err != nil {
		t.Fatalf("filling the queue: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := b.Publish(ctx, event(t, 3))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("publishing to a full queue: got %v, want DeadlineExceeded", err)
	}
	close(release)
	if err := b.Publish(t.Context(), event(t, 4)); err != nil {
		t.Errorf("publishing after the queue drained: got %v, want nil", err)
	}
}

func TestCommitterPartialFailure(t *testing.T) {
	boom := errors.New("disk full")
	var committed []string
	c := bus.CommitterFunc(func(_ context.Context, events []bus.Event) error {
		var r bus.Results
		for i, e := range events {
			if i == 1 {
				r.Fail(i, e.ID, boom)
				continue
			}
			committed = append(committed, e.ID)
		}
		return r.Err(len(events))
	})
	b := newBus(t, inproc.WithCommitter(c))
	col := newCollector()
	b.Subscribe(col)
	events := []bus.Event{event(t, 0), event(t, 1), event(t, 2)}
	err := b.Publish(t.Context(), events...)
	var pe *bus.PublishError
	if !errors.As(err, &pe) || len(pe.Entries) != 1 || pe.Entries[0].Index != 1 || !errors.Is(err, boom) {
		t.Fatalf("got %v, want entry 1 failed with %v", err, boom)
	}
	if err := b.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := col.wait(t.Context(), 2)
	if len(got) != 2 || len(committed) != 2 {
		t.Errorf("got %d delivered and %d committed, want 2 and 2", len(got), len(committed))
	}
	for _, e := range got {
		if e.ID == events[1].ID {
			t.Errorf("got the uncommitted event delivered, want it dropped")
		}
	}
}

func TestCommitterFailureFailsAll(t *testing.T) {
	b := newBus(t, inproc.WithCommitter(bus.CommitterFunc(func(context.Context, []bus.Event) error {
		return errors.New("locked")
	})))
	var pe *bus.PublishError
	if err := b.Publish(t.Context(), event(t, 0), event(t, 1)); !errors.As(err, &pe) || pe.FailedEntryCount() != 2 {
		t.Errorf("got %v, want both entries failed", err)
	}
}

func TestCloseDrainsAcceptedEvents(t *testing.T) {
	b, err := inproc.New(inproc.WithQueueSize(100), inproc.WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	col := newCollector()
	b.Subscribe(col)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 50 {
				if err := b.Publish(t.Context(), event(t, w*100+i)); err != nil {
					t.Errorf("publishing: %v", err)
				}
			}
		})
	}
	wg.Wait()
	if err := b.Close(t.Context()); err != nil {
		t.Fatalf("closing: %v", err)
	}
	if got := len(col.wait(t.Context(), 400)); got != 400 {
		t.Errorf("got %d delivered, want 400", got)
	}
	if err := b.Publish(t.Context(), event(t, 0)); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("publishing after close: got %v, want ErrClosed", err)
	}
}

func TestCloseWakesBlockedPublisher(t *testing.T) {
	release := make(chan struct{})
	b, err := inproc.New(inproc.WithQueueSize(1), inproc.WithWorkers(1))
	if err != nil {
		t.Fatal(err)
	}
	b.Subscribe(bus.HandlerFunc(func(context.Context, bus.Event) error { <-release; return nil }))
	_ = b.Publish(t.Context(), event(t, 0))
	_ = b.Publish(t.Context(), event(t, 1))
	errc := make(chan error)
	go func() { errc <- b.Publish(context.Background(), event(t, 2)) }()
	closed := make(chan error)
	go func() { closed <- b.Close(context.Background()) }()
	if err := <-errc; !errors.Is(err, bus.ErrClosed) {
		t.Errorf("blocked publisher: got %v, want ErrClosed", err)
	}
	close(release)
	if err := <-closed; err != nil {
		t.Errorf("closing: got %v, want nil", err)
	}
}

func TestForcedCloseReportsUndelivered(t *testing.T) {
	var mu sync.Mutex
	var undelivered int
	b, err := inproc.New(inproc.WithWorkers(1), inproc.WithErrorHandler(func(_ context.Context, _ bus.Event, err error) {
		if errors.Is(err, inproc.ErrUndelivered) {
			mu.Lock()
			undelivered++
			mu.Unlock()
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 1)
	b.Subscribe(bus.HandlerFunc(func(ctx context.Context, _ bus.Event) error {
		select {
		case started <- struct{}{}:
		default:
		}
		<-ctx.Done()
		return ctx.Err()
	}))
	if err := b.Publish(t.Context(), event(t, 0), event(t, 1), event(t, 2)); err != nil {
		t.Fatal(err)
	}
	<-started
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := b.Close(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if undelivered != 2 {
		t.Errorf("got %d undelivered reported, want 2", undelivered)
	}
}

func TestHandlerPanicIsReported(t *testing.T) {
	errc := make(chan error, 1)
	b := newBus(t, inproc.WithErrorHandler(func(_ context.Context, _ bus.Event, err error) { errc <- err }))
	b.Subscribe(bus.HandlerFunc(func(context.Context, bus.Event) error { panic("boom") }))
	if err := b.Publish(t.Context(), event(t, 0)); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err == nil {
		t.Errorf("got nil, want the panic as an error")
	}
}

func TestUnsubscribe(t *testing.T) {
	b := newBus(t, inproc.WithWorkers(1))
	a, c := newCollector(), newCollector()
	stop := b.Subscribe(a)
	b.Subscribe(c)
	stop()
	stop()
	if err := b.Publish(t.Context(), event(t, 0)); err != nil {
		t.Fatal(err)
	}
	_ = b.Close(t.Context())
	if len(a.events) != 0 || len(c.events) != 1 {
		t.Errorf("got %d and %d delivered, want 0 and 1", len(a.events), len(c.events))
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 10 {
		b, err := inproc.New(inproc.WithWorkers(3))
		if err != nil {
			t.Fatal(err)
		}
		_ = b.Publish(t.Context(), event(t, 0))
		if err := b.Close(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	if got := runtime.NumGoroutine(); got > before {
		t.Errorf("got %d goroutines, want at most %d", got, before)
	}
}
