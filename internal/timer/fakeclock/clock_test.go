package fakeclock_test

import (
	"testing"
	"time"

	"github.com/stormless/stormless/internal/timer/fakeclock"
)

func TestTimersFireWhenDue(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := fakeclock.New(start)
	a, b := c.NewTimer(time.Second), c.NewTimer(time.Minute)
	if next, ok := c.Next(); !ok || !next.Equal(start.Add(time.Second)) {
		t.Errorf("got next %v, want %v", next, start.Add(time.Second))
	}
	c.Advance(2 * time.Second)
	select {
	case got := <-a.C():
		if !got.Equal(start.Add(2 * time.Second)) {
			t.Errorf("got %v, want the clock's time", got)
		}
	default:
		t.Error("got no fire, want the due timer fired")
	}
	if !b.Stop() || b.Stop() {
		t.Error("got Stop results wrong, want true then false")
	}
	if got := c.Timers(); got != 0 {
		t.Errorf("got %d timers, want 0", got)
	}
	c.Set(start) // never backwards
	if got := c.Now(); !got.Equal(start.Add(2 * time.Second)) {
		t.Errorf("got %v, want time unchanged", got)
	}
	if !c.WaitForTimers(t.Context(), 0) {
		t.Error("got false, want true for zero timers")
	}
}
