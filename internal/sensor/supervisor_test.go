package sensor_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

// nopDispatcher counts dispatches.
type nopDispatcher struct {
	mu sync.Mutex
	n  int
}

func (d *nopDispatcher) Dispatch(context.Context, bus.Trigger, any) error {
	d.mu.Lock()
	d.n++
	d.mu.Unlock()
	return nil
}

// flaky fails the first n runs, then runs until stopped.
type flaky struct {
	mu    sync.Mutex
	fails int
	runs  chan int
}

func (f *flaky) Run(ctx context.Context, out sensor.Output) error {
	f.mu.Lock()
	f.fails--
	left := f.fails
	f.mu.Unlock()
	f.runs <- left
	if left >= 0 {
		if left == 0 {
			panic("boom")
		}
		return errors.New("cannot connect")
	}
	_ = out.Dispatch(ctx, bus.Trigger{Type: "p.t"}, map[string]any{})
	out.Report(errors.New("one bad line"))
	<-ctx.Done()
	return ctx.Err()
}

func TestSupervisorRestartsWithBackoff(t *testing.T) {
	clock := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	sup, err := sensor.NewSupervisor(&nopDispatcher{}, sensor.WithClock(clock), sensor.WithBackoff(time.Second, 4*time.Second, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	defer sup.Close()
	f := &flaky{fails: 3, runs: make(chan int, 10)}
	if err := sup.Start(t.Context(), "p.s", f); err != nil {
		t.Fatal(err)
	}
	for i, wantDelay := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		<-f.runs
		if !clock.WaitForTimers(t.Context(), 1) {
			t.Fatal("no backoff timer")
		}
		st, _ := sup.Status("p.s")
		if st.State != sensor.StateFailing || st.Restarts != i+1 || st.LastError == "" {
			t.Errorf("after failure %d: got %+v, want failing with restart count %d", i+1, st, i+1)
		}
		if got := st.NextRestart.Sub(clock.Now()); got != wantDelay {
			t.Errorf("after failure %d: got backoff %v, want %v", i+1, got, wantDelay)
		}
		clock.Advance(wantDelay)
	}
	<-f.runs
	waitFor(t, func() bool { st, _ := sup.Status("p.s"); return st.Problems == 1 })
	st, _ := sup.Status("p.s")
	if st.State != sensor.StateRunning || st.Dispatched != 1 || st.LastError != "one bad line" {
		t.Errorf("got %+v, want running with one dispatch and the reported problem", st)
	}
	sup.Stop("p.s")
	if st, _ := sup.Status("p.s"); st.State != sensor.StateStopped {
		t.Errorf("got state %s, want stopped", st.State)
	}
}

// exiter returns nil at once: it exits without an error.
type exiter struct{ runs chan struct{} }

func (e exiter) Run(context.Context, sensor.Output) error { e.runs <- struct{}{}; return nil }

func TestSupervisorRestartsASensorThatExits(t *testing.T) {
	clock := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	sup, err := sensor.NewSupervisor(&nopDispatcher{}, sensor.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer sup.Close()
	e := exiter{runs: make(chan struct{}, 10)}
	if err := sup.Start(t.Context(), "p.e", e); err != nil {
		t.Fatal(err)
	}
	if err := sup.Start(t.Context(), "p.e", e); !errors.Is(err, sensor.ErrExists) {
		t.Errorf("starting twice: got %v, want ErrExists", err)
	}
	<-e.runs
	clock.WaitForTimers(t.Context(), 1)
	clock.Advance(time.Second)
	<-e.runs
	st, _ := sup.Status("p.e")
	if st.LastError != sensor.ErrExited.Error() {
		t.Errorf("got last error %q, want %q", st.LastError, sensor.ErrExited)
	}
}

func TestSupervisorCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	sup, err := sensor.NewSupervisor(&nopDispatcher{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b", "c"} {
		f := &flaky{fails: 0, runs: make(chan int, 1)}
		if err := sup.Start(t.Context(), name, f); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, func() bool { return len(sup.Statuses()) == 3 && sup.Statuses()[2].Dispatched == 1 })
	sup.Close()
	for _, st := range sup.Statuses() {
		if st.State != sensor.StateStopped {
			t.Errorf("%s: got %s, want stopped", st.Name, st.State)
		}
	}
	waitFor(t, func() bool { return runtime.NumGoroutine() <= before })
}

// waitFor polls cond for up to five seconds; for state other goroutines
// set, not for time to pass.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition never held")
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}
