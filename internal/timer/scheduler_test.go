package timer_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/timer"
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

// recorder is a bus.Publisher keeping what it is given.
type recorder struct {
	mu     sync.Mutex
	events []bus.Event
	got    chan struct{}
}

func newRecorder() *recorder { return &recorder{got: make(chan struct{}, 100)} }

func (r *recorder) Publish(_ context.Context, events ...bus.Event) error {
	r.mu.Lock()
	r.events = append(r.events, events...)
	r.mu.Unlock()
	for range events {
		r.got <- struct{}{}
	}
	return nil
}

func (r *recorder) take(t *testing.T) bus.Event {
	t.Helper()
	select {
	case <-r.got:
	case <-time.After(5 * time.Second):
		t.Fatal("got no event, want one")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.events[0]
	r.events = r.events[1:]
	return e
}

func (r *recorder) none(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.events) != 0 {
		t.Errorf("got %d more events, want none", len(r.events))
	}
}

var start = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

// harness runs a scheduler on a fake clock until the test ends.
func harness(t *testing.T, opts ...timer.Option) (*timer.Scheduler, *fakeclock.Clock, *recorder) {
	t.Helper()
	clock := fakeclock.New(start)
	rec := newRecorder()
	s, err := timer.New(rec, append([]timer.Option{timer.WithClock(clock), timer.WithLocation(time.UTC)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = s.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return s, clock, rec
}

// advanceTo moves the clock to at once the scheduler waits for a timer.
func advanceTo(t *testing.T, c *fakeclock.Clock, at time.Time) {
	t.Helper()
	if !c.WaitForTimers(t.Context(), 1) {
		t.Fatal("scheduler never waited")
	}
	c.Set(at)
}

func payload(t *testing.T, e bus.Event) (bus.Detail, map[string]any) {
	t.Helper()
	d, err := e.TriggerDetail()
	if err != nil {
		t.Fatal(err)
	}
	var p map[string]any
	if err := json.Unmarshal(d.Payload, &p); err != nil {
		t.Fatal(err)
	}
	return d, p
}

func TestIntervalTimerFires(t *testing.T) {
	s, clock, rec := harness(t)
	params := map[string]any{"unit": "seconds", "delta": 30}
	if _, err := s.Add(t.Context(), bus.Trigger{Type: timer.IntervalTimer, Parameters: params}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		at := start.Add(time.Duration(i) * 30 * time.Second)
		advanceTo(t, clock, at)
		d, p := payload(t, rec.take(t))
		if want := timer.ExecutedAt(at); p["executed_at"] != want {
			t.Errorf("fire %d: got executed_at %v, want %s", i, p["executed_at"], want)
		}
		if v, ok := p["schedule"]; !ok || v != nil {
			t.Errorf("fire %d: got schedule %v, want null", i, v)
		}
		if d.Trigger.Type != timer.IntervalTimer || d.Trigger.Parameters["delta"] != float64(30) {
			t.Errorf("fire %d: got trigger %+v, want the rule's parameters", i, d.Trigger)
		}
	}
	rec.none(t)
}

func TestSharedTimerFiresOnce(t *testing.T) {
	s, clock, rec := harness(t)
	tr := bus.Trigger{Type: timer.IntervalTimer, Parameters: map[string]any{"unit": "minutes", "delta": 1}}
	id1, _ := s.Add(t.Context(), tr)
	id2, _ := s.Add(t.Context(), bus.Trigger{Type: timer.IntervalTimer, Parameters: map[string]any{"delta": 1, "unit": "minutes"}})
	if id1 != id2 {
		t.Fatalf("got ids %s and %s, want one", id1, id2)
	}
	advanceTo(t, clock, start.Add(time.Minute))
	rec.take(t)
	if got := len(s.Timers()); got != 1 {
		t.Errorf("got %d timers, want 1", got)
	}
}

func TestCronTimerFires(t *testing.T) {
	s, clock, rec := harness(t)
	tr := bus.Trigger{Type: timer.CronTimer, Parameters: map[string]any{"minute": "*/15", "timezone": "Europe/Paris"}}
	if _, err := s.Add(t.Context(), tr); err != nil {
		t.Fatal(err)
	}
	rec.take(t) // 10:00:00 itself matches, as in APScheduler
	advanceTo(t, clock, start.Add(15*time.Minute))
	_, p := payload(t, rec.take(t))
	if want := "2026-11-28 10:15:00+00:00"; p["executed_at"] != want {
		t.Errorf("got %v, want %s", p["executed_at"], want)
	}
}

func TestMissedFiresCoalesceOrSkip(t *testing.T) {
	var mu sync.Mutex
	var missed []error
	s, clock, rec := harness(t, timer.WithMisfireGrace(time.Minute), timer.WithErrorHandler(func(_ string, err error) {
		mu.Lock()
		missed = append(missed, err)
		mu.Unlock()
	}))
	tr := bus.Trigger{Type: timer.IntervalTimer, Parameters: map[string]any{"unit": "seconds", "delta": 10}}
	if _, err := s.Add(t.Context(), tr); err != nil {
		t.Fatal(err)
	}
	// Five runs missed, the last 5 s ago: one fire for all.
	advanceTo(t, clock, start.Add(55*time.Second))
	rec.take(t)
	// Then asleep for an hour: the last run is 5 s late, fires.
	advanceTo(t, clock, start.Add(time.Hour+5*time.Second))
	rec.take(t)
	rec.none(t)
	mu.Lock()
	defer mu.Unlock()
	if len(missed) != 0 {
		t.Errorf("got misfires %v, want none", missed)
	}
}

func TestMisfireBeyondGrace(t *testing.T) {
	errc := make(chan error, 1)
	s, clock, rec := harness(t, timer.WithErrorHandler(func(_ string, err error) { errc <- err }))
	tr := bus.Trigger{Type: timer.CronTimer, Parameters: map[string]any{"hour": 11}}
	if _, err := s.Add(t.Context(), tr); err != nil {
		t.Fatal(err)
	}
	advanceTo(t, clock, start.Add(time.Hour+2*time.Second))
	if err := <-errc; !errors.Is(err, timer.ErrMisfired) {
		t.Errorf("got %v, want ErrMisfired", err)
	}
	rec.none(t)
}

func TestDateTimerFiresOnceAcrossRestarts(t *testing.T) {
	fired := &timer.MemoryFired{}
	tr := bus.Trigger{Type: timer.DateTimer, Parameters: map[string]any{"date": "2026-11-28 12:00:00", "timezone": "Europe/Paris"}}
	s, clock, rec := harness(t, timer.WithFiredStore(fired))
	if _, err := s.Add(t.Context(), tr); err != nil {
		t.Fatal(err)
	}
	advanceTo(t, clock, time.Date(2026, 11, 28, 11, 0, 0, 0, time.UTC)) // 12:00 in Paris
	rec.take(t)
	if got := len(s.Timers()); got != 0 {
		t.Errorf("got %d timers after the date fired, want 0", got)
	}
	// A restart at the same instant with a generous grace: already fired.
	s2, err := timer.New(rec, timer.WithClock(clock), timer.WithFiredStore(fired), timer.WithMisfireGrace(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Add(t.Context(), tr); err != nil {
		t.Fatal(err)
	}
	if got := len(s2.Timers()); got != 0 {
		t.Errorf("got %d timers after restart, want 0", got)
	}
}

func TestExpiredDateTimerIsNotScheduled(t *testing.T) {
	s, _, _ := harness(t)
	tr := bus.Trigger{Type: timer.DateTimer, Parameters: map[string]any{"date": "2026-11-28T09:00:00Z"}}
	if _, err := s.Add(t.Context(), tr); err != nil {
		t.Fatal(err)
	}
	if got := len(s.Timers()); got != 0 {
		t.Errorf("got %d timers, want 0", got)
	}
}

func TestSyncKeepsPhaseAndRemoves(t *testing.T) {
	s, clock, rec := harness(t)
	every := bus.Trigger{Type: timer.IntervalTimer, Parameters: map[string]any{"unit": "minutes", "delta": 10}}
	cron := bus.Trigger{Type: timer.CronTimer, Parameters: map[string]any{"minute": 30}}
	webhook := bus.Trigger{Type: "core.st2.webhook", Parameters: map[string]any{"url": "x"}}
	if err := s.Sync(t.Context(), []bus.Trigger{every, cron, webhook}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Minute)
	if err := s.Sync(t.Context(), []bus.Trigger{every}); err != nil {
		t.Fatal(err)
	}
	timers := s.Timers()
	if len(timers) != 1 || !timers[0].Next.Equal(start.Add(10*time.Minute)) {
		t.Fatalf("got %+v, want the interval timer still due at 10:10", timers)
	}
	advanceTo(t, clock, start.Add(10*time.Minute))
	rec.take(t)
	bad := bus.Trigger{Type: timer.CronTimer, Parameters: map[string]any{"minute": "*/0"}}
	if err := s.Sync(t.Context(), []bus.Trigger{every, bad}); err == nil {
		t.Errorf("got nil, want the invalid cron reported")
	}
}

func TestAddRejects(t *testing.T) {
	s, _, _ := harness(t)
	tests := []struct {
		name string
		tr   bus.Trigger
	}{
		{"not a timer", bus.Trigger{Type: "core.st2.webhook"}},
		{"bad unit", bus.Trigger{Type: timer.IntervalTimer, Parameters: map[string]any{"unit": "fortnights", "delta": 1}}},
		{"negative delta", bus.Trigger{Type: timer.IntervalTimer, Parameters: map[string]any{"unit": "days", "delta": -1}}},
		{"bad date", bus.Trigger{Type: timer.DateTimer, Parameters: map[string]any{"date": "tomorrow"}}},
		{"bad timezone", bus.Trigger{Type: timer.CronTimer, Parameters: map[string]any{"hour": 1, "timezone": "Mars/Olympus"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Add(t.Context(), tt.tr); err == nil {
				t.Errorf("got nil, want an error")
			}
		})
	}
}
