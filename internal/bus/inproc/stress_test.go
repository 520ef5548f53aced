package inproc_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/bus/inproc"
)

// TestAcceptedMeansDelivered closes the bus while publishers race it and
// checks that exactly the accepted events were committed and delivered.
func TestAcceptedMeansDelivered(t *testing.T) {
	var committed sync.Map
	b, err := inproc.New(inproc.WithQueueSize(8), inproc.WithWorkers(2),
		inproc.WithCommitter(bus.CommitterFunc(func(_ context.Context, events []bus.Event) error {
			for _, e := range events {
				committed.Store(e.ID, true)
			}
			return nil
		})))
	if err != nil {
		t.Fatal(err)
	}
	col := newCollector()
	b.Subscribe(col)
	var mu sync.Mutex
	accepted := map[string]bool{}
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Go(func() {
			for i := range 200 {
				batch := []bus.Event{event(t, w*1000+i), event(t, w*1000+i+500)}
				err := b.Publish(t.Context(), batch...)
				var pe *bus.PublishError
				if err != nil && (!errors.As(err, &pe) || !errors.Is(err, bus.ErrClosed)) {
					t.Errorf("got %v, want nil or ErrClosed entries", err)
				}
				failed := map[int]bool{}
				if pe != nil {
					for _, x := range pe.Entries {
						failed[x.Index] = true
					}
				}
				mu.Lock()
				for j, e := range batch {
					if !failed[j] {
						accepted[e.ID] = true
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Go(func() {
		col.wait(t.Context(), 300)
		if err := b.Close(t.Context()); err != nil {
			t.Errorf("closing: %v", err)
		}
	})
	wg.Wait()
	delivered := map[string]bool{}
	for _, e := range col.wait(t.Context(), len(accepted)) {
		if delivered[e.ID] {
			t.Errorf("event %s delivered twice", e.ID)
		}
		delivered[e.ID] = true
	}
	for id := range accepted {
		if !delivered[id] {
			t.Errorf("accepted event %s not delivered", id)
		}
		if _, ok := committed.Load(id); !ok {
			t.Errorf("accepted event %s not committed", id)
		}
	}
	if len(delivered) != len(accepted) {
		t.Errorf("got %d delivered, want the %d accepted", len(delivered), len(accepted))
	}
}
