package bustest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/bus"
)

// Harness returns a fresh Publisher for one test and a function that
// waits for n delivered events (or ctx's end) and returns those seen. The
// harness cleans up with t.Cleanup.
type Harness func(t *testing.T) (pub bus.Publisher, delivered func(ctx context.Context, n int) []bus.Event)

// TestPublisher checks the Publisher contract: accepted events are
// delivered intact, and each invalid entry fails alone with its index.
func TestPublisher(t *testing.T, h Harness) {
	t.Run("delivers accepted events", func(t *testing.T) { testDelivers(t, h) })
	t.Run("fails invalid entries alone", func(t *testing.T) { testPartial(t, h) })
	t.Run("accepts an empty call", func(t *testing.T) {
		pub, _ := h(t)
		if err := pub.Publish(t.Context()); err != nil {
			t.Errorf("got %v, want nil", err)
		}
	})
}

func newEvent(t *testing.T, n int) bus.Event {
	t.Helper()
	e, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "suite"}, map[string]any{"n": n})
	if err != nil {
		t.Fatalf("building event: %v", err)
	}
	return e
}

func testDelivers(t *testing.T, h Harness) {
	pub, delivered := h(t)
	var sent []bus.Event
	for i := range 25 {
		sent = append(sent, newEvent(t, i))
	}
	if err := pub.Publish(t.Context(), sent...); err != nil {
		t.Fatalf("publishing: got %v, want nil", err)
	}
	got := byID(delivered(t.Context(), len(sent)))
	for _, e := range sent {
		d, ok := got[e.ID]
		if !ok {
			t.Errorf("event %s: not delivered", e.ID)
			continue
		}
		if string(d.Detail) != string(e.Detail) || d.DetailType != e.DetailType || d.Source != e.Source {
			t.Errorf("event %s: got %+v, want %+v", e.ID, d, e)
		}
	}
}

func testPartial(t *testing.T, h Harness) {
	pub, delivered := h(t)
	good := newEvent(t, 1)
	noSource := newEvent(t, 2)
	noSource.Source = ""
	huge := newEvent(t, 3)
	huge.Detail = []byte(`{"x":"` + strings.Repeat("a", bus.MaxEntrySize) + `"}`)
	err := pub.Publish(t.Context(), noSource, good, huge)
	var pe *bus.PublishError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v, want a *bus.PublishError", err)
	}
	if pe.FailedEntryCount() != 2 || pe.Entries[0].Index != 0 || pe.Entries[1].Index != 2 {
		t.Fatalf("got failed entries %+v, want indexes 0 and 2", pe.Entries)
	}
	if !errors.Is(pe.Entries[0].Err, bus.ErrInvalid) || !errors.Is(pe.Entries[1].Err, bus.ErrTooLarge) {
		t.Errorf("got causes %v and %v, want ErrInvalid and ErrTooLarge", pe.Entries[0].Err, pe.Entries[1].Err)
	}
	if got := delivered(t.Context(), 1); len(got) != 1 || got[0].ID != good.ID {
		t.Errorf("got delivered %v, want only %s", got, good.ID)
	}
}

func byID(events []bus.Event) map[string]bus.Event {
	m := map[string]bus.Event{}
	for _, e := range events {
		m[e.ID] = e
	}
	return m
}
