// Package sensortest holds test doubles for sensor tests: a Publisher
// that records the trigger instances sensors dispatch.
package sensortest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
)

var _ bus.Publisher = (*Publisher)(nil)

// Publisher is a bus.Publisher that records the events it is given and
// never fails. It is safe for concurrent use; the zero value is ready.
type Publisher struct {
	mu     sync.Mutex
	events []bus.Event
}

// Publish records events.
func (p *Publisher) Publish(_ context.Context, events ...bus.Event) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.events = append(p.events, events...)
	return nil
}

// Events returns a copy of the events published so far.
func (p *Publisher) Events() []bus.Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]bus.Event(nil), p.events...)
}

// Take returns the events published so far and forgets them.
func (p *Publisher) Take() []bus.Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.events
	p.events = nil
	return out
}

// Wait polls until at least n events were published and returns them; it
// fails t when ten seconds pass first.
func (p *Publisher) Wait(t testing.TB, n int) []bus.Event {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if got := p.Events(); len(got) >= n {
			return got
		}
	}
	t.Fatalf("got %d events published, want at least %d", len(p.Events()), n)
	return nil
}
