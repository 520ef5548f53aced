package command_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/command"
	"github.com/stormless/stormless/internal/sensor/sensortest"
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

// recorder is a sensor.Output over a validating dispatcher.
type recorder struct {
	d        *sensor.BusDispatcher
	pub      *sensortest.Publisher
	mu       sync.Mutex
	problems []error
}

func (r *recorder) Dispatch(ctx context.Context, t bus.Trigger, payload any) error {
	return r.d.Dispatch(ctx, t, payload)
}

func (r *recorder) Report(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, err)
}

func load(t *testing.T) *pack.Set {
	t.Helper()
	set, err := pack.Load("testdata/packs")
	if err != nil {
		t.Fatalf("loading the test pack: %v", err)
	}
	return set
}

func newSensor(t *testing.T, set *pack.Set, name string, opts ...command.Option) *command.Sensor {
	t.Helper()
	p, _ := set.Pack("acme")
	for _, s := range p.Sensors {
		if s.Name == name {
			c, err := command.New(s, p.Dir, opts...)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
	}
	t.Fatalf("no sensor %s", name)
	return nil
}

func newRecorder(t *testing.T, set *pack.Set) *recorder {
	t.Helper()
	pub := &sensortest.Publisher{}
	d, err := sensor.NewBusDispatcher(pub, set.TriggerType)
	if err != nil {
		t.Fatal(err)
	}
	return &recorder{d: d, pub: pub}
}

func payloads(t *testing.T, r *recorder) []string {
	t.Helper()
	var out []string
	for _, e := range r.pub.Events() {
		d, err := e.TriggerDetail()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e.DetailType+" "+string(d.Payload))
	}
	return out
}

func TestPollsAndDispatchesValidObjects(t *testing.T) {
	t.Setenv("STATE_FILE", filepath.Join(t.TempDir(), "n"))
	set := load(t)
	clock := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s := newSensor(t, set, "alerts", command.WithClock(clock))
	r := newRecorder(t, set)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- s.Run(ctx, r) }()
	// The first run happens at once; the second after poll_interval (10 s).
	waitPoll(t, clock, done)
	if next, _ := clock.Next(); next.Sub(clock.Now()) != 10*time.Second {
		t.Errorf("got next poll in %v, want 10s", next.Sub(clock.Now()))
	}
	clock.Advance(10 * time.Second)
	waitPoll(t, clock, done)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("got %v, want nil after cancel", err)
	}
	want := []string{
		`acme.alert {"count":1,"level":"high"}`,
		`acme.alert {"level":"low","sensor":"acme.alerts"}`,
		`acme.alert {"count":2,"level":"high"}`,
		`acme.alert {"level":"low","sensor":"acme.alerts"}`,
	}
	if got := payloads(t, r); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(r.problems) != 4 {
		t.Fatalf("got problems %v, want 4 (a bad line and a schema failure per run)", r.problems)
	}
	var pe *sensor.PayloadError
	if !strings.Contains(r.problems[0].Error(), "line 2") || !errors.As(r.problems[1], &pe) {
		t.Errorf("got %v and %v, want line 2 not JSON, then a *PayloadError", r.problems[0], r.problems[1])
	}
}

// waitPoll waits until Run waits for its next poll, failing if it
// returned instead.
func waitPoll(t *testing.T, clock *fakeclock.Clock, done <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	waited := make(chan bool)
	go func() { waited <- clock.WaitForTimers(ctx, 1) }()
	select {
	case <-waited:
	case err := <-done:
		t.Fatalf("Run returned %v, want it polling", err)
	}
}

func TestArrayOutputWithSeveralTriggerTypes(t *testing.T) {
	set := load(t)
	s := newSensor(t, set, "multi", command.WithClock(fakeclock.New(time.Now())))
	r := newRecorder(t, set)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- s.Run(ctx, r) }()
	for len(payloads(t, r)) < 2 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	want := `acme.up {"host":"a"}` + "\n" + `acme.down {"host":"b"}`
	if got := strings.Join(payloads(t, r), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(r.problems) != 1 || !strings.Contains(r.problems[0].Error(), "sideways") {
		t.Errorf("got problems %v, want the unknown trigger sideways", r.problems)
	}
}

func TestFailingCommandFailsTheRun(t *testing.T) {
	set := load(t)
	s := newSensor(t, set, "crash")
	err := s.Run(t.Context(), newRecorder(t, set))
	if err == nil || !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "connecting to upstream failed") {
		t.Errorf("got %v, want the exit status and stderr", err)
	}
}

func TestHangingCommandTimesOut(t *testing.T) {
	set := load(t)
	s := newSensor(t, set, "hang", command.WithTimeout(200*time.Millisecond))
	start := time.Now()
	err := s.Run(t.Context(), newRecorder(t, set))
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("got %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("got Run returning after %v, want soon after the timeout", d)
	}
}

func TestSupervisedCrashIsVisible(t *testing.T) {
	set := load(t)
	clock := fakeclock.New(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	r := newRecorder(t, set)
	sup, err := sensor.NewSupervisor(r.d, sensor.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer sup.Close()
	if err := sup.Start(t.Context(), "acme.crash", newSensor(t, set, "crash", command.WithClock(clock))); err != nil {
		t.Fatal(err)
	}
	clock.WaitForTimers(t.Context(), 1) // the backoff after the first crash
	st, _ := sup.Status("acme.crash")
	if st.State != sensor.StateFailing || st.Restarts != 1 || !strings.Contains(st.LastError, "exit status 3") {
		t.Errorf("got %+v, want failing after one crash with its error", st)
	}
	raw, _ := json.Marshal(st)
	if !strings.Contains(string(raw), `"state":"failing"`) {
		t.Errorf("got %s, want the state in JSON", raw)
	}
}

func TestNewRefusesNonExecutable(t *testing.T) {
	dir := t.TempDir()
	s := &pack.Sensor{Ref: "p.s", EntryPath: filepath.Join(dir, "missing.sh"), TriggerTypes: []string{"p.t"}}
	if _, err := command.New(s, dir); err == nil {
		t.Errorf("got nil, want an error for a missing entry point")
	}
}

func TestLoad(t *testing.T) {
	got, err := command.Load(load(t))
	if err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	if len(got) != 4 || got["acme.alerts"] == nil {
		t.Errorf("got %d sensors, want the 4 of the test pack", len(got))
	}
}
