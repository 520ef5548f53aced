package recorderfn

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

const id = "65a1b2c3d4e5f60718293a4b"

func fixture(t *testing.T, edit func(*StatusChange)) events.CloudWatchEvent {
	t.Helper()
	b, err := os.ReadFile("testdata/aborted.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev events.CloudWatchEvent
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		var d StatusChange
		if err := json.Unmarshal(ev.Detail, &d); err != nil {
			t.Fatal(err)
		}
		edit(&d)
		ev.Detail, _ = json.Marshal(d)
	}
	return ev
}

func newStore(t *testing.T) execution.Store {
	t.Helper()
	s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func create(t *testing.T, s execution.Store, status execution.Status, log ...execution.Status) {
	t.Helper()
	start := time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
	e := execution.Execution{ID: id, Action: execution.Action{Ref: "core.local"}, Status: status, StartTimestamp: start}
	for _, st := range log {
		e.Log = append(e.Log, execution.LogEntry{Timestamp: start, Status: st})
	}
	if err := s.CreateExecution(t.Context(), e); err != nil {
		t.Fatal(err)
	}
}

func TestRecorder(t *testing.T) {
	tests := []struct {
		name       string
		status     execution.Status
		log        []execution.Status
		edit       func(*StatusChange)
		want       execution.Status
		wantResult string
	}{
		{"aborted while running", execution.StatusRunning, []execution.Status{"requested", "scheduled", "running"}, nil,
			execution.StatusCanceled, `"cause":"canceled by stanley"`},
		{"aborted while canceling", execution.StatusCanceling, []execution.Status{"requested", "canceling"}, nil, execution.StatusCanceled, ""},
		{"timed out while scheduled", execution.StatusScheduled, []execution.Status{"requested", "scheduled"},
			func(d *StatusChange) { d.Status = "TIMED_OUT" }, execution.StatusTimeout, ""},
		{"failed", execution.StatusRequested, nil, func(d *StatusChange) { d.Status = "FAILED" }, execution.StatusFailed, `"error":"StackStorm.Canceled"`},
		{"succeeded with output", execution.StatusRunning, []execution.Status{"requested", "scheduled", "running"},
			func(d *StatusChange) { d.Status, d.Output = "SUCCEEDED", ptr(`{"output":{"x":1}}`) }, execution.StatusSucceeded, `{"output":{"x":1}}`},
		{"final already: left alone", execution.StatusSucceeded, []execution.Status{"requested", "scheduled", "running", "succeeded"}, nil,
			execution.StatusSucceeded, ""},
		{"running: nothing to record", execution.StatusRunning, []execution.Status{"requested", "scheduled", "running"},
			func(d *StatusChange) { d.Status = "RUNNING" }, execution.StatusRunning, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			create(t, s, tt.status, tt.log...)
			r := &Recorder{Store: s}
			if err := r.Handle(t.Context(), fixture(t, tt.edit)); err != nil {
				t.Fatal(err)
			}
			x, err := s.GetExecution(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if x.Status != tt.want {
				t.Errorf("got status %s (log %v), want %s", x.Status, x.Log, tt.want)
			}
			if tt.wantResult != "" && !strings.Contains(string(x.Result), tt.wantResult) {
				t.Errorf("got result %s, want it to hold %s", x.Result, tt.wantResult)
			}
			if tt.want.Final() && tt.status != tt.want && !x.EndTimestamp.Equal(time.UnixMilli(1795831205000).UTC()) {
				t.Errorf("got end %v, want the stop date", x.EndTimestamp)
			}
		})
	}
}

func TestRecorderIgnoresAndRefuses(t *testing.T) {
	r := &Recorder{Store: newStore(t)}
	if err := r.Handle(t.Context(), fixture(t, nil)); err != nil {
		t.Errorf("execution with no record (a rule's enforcement): got %v, want nil", err)
	}
	ev := fixture(t, nil)
	ev.Source = "aws.ec2"
	if err := r.Handle(t.Context(), ev); err == nil {
		t.Error("another source: got no error")
	}
	ev = fixture(t, nil)
	ev.Detail = json.RawMessage(`[`)
	if err := r.Handle(t.Context(), ev); err == nil {
		t.Error("malformed detail: got no error")
	}
}

func TestPathTo(t *testing.T) {
	got := pathTo(execution.StatusRequested, execution.StatusSucceeded)
	if len(got) != 3 || got[2] != execution.StatusSucceeded {
		t.Errorf("got %v, want requested's shortest path to succeeded (scheduled, running, succeeded)", got)
	}
	if got := pathTo(execution.StatusSucceeded, execution.StatusRunning); got != nil {
		t.Errorf("from a final status: got %v, want none", got)
	}
}

func ptr(s string) *string { return &s }

// TestRuleRun finds the execution of a rule's enforcement from the
// machine's input, its last action.retry attempt.
func TestRuleRun(t *testing.T) {
	s := newStore(t)
	ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "sample"}, map[string]any{"body": map[string]any{}})
	if err != nil {
		t.Fatal(err)
	}
	ti, _ := ev.TriggerInstance()
	start := time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)
	for attempt, st := range []execution.Status{execution.StatusFailed, execution.StatusRunning} {
		log := []execution.LogEntry{{Timestamp: start, Status: "requested"}, {Timestamp: start, Status: "scheduled"}, {Timestamp: start, Status: "running"}}
		if st == execution.StatusFailed {
			log = append(log, execution.LogEntry{Timestamp: start, Status: st})
		}
		x := execution.Execution{ID: enforce.RuleExecutionID(ti.ID, "examples.greet_on_webhook", attempt), Action: execution.Action{Ref: "examples.greet"},
			Status: st, StartTimestamp: start, Log: log}
		if err := s.CreateExecution(t.Context(), x); err != nil {
			t.Fatal(err)
		}
	}
	input, _ := json.Marshal(map[string]any{"rule": "examples.greet_on_webhook", "event": ev})
	r := &Recorder{Store: s}
	if err := r.Handle(t.Context(), fixture(t, func(d *StatusChange) { d.Name, d.Input = "a1b2-random", ptr(string(input)) })); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetExecution(t.Context(), enforce.RuleExecutionID(ti.ID, "examples.greet_on_webhook", 1))
	if err != nil || got.Status != execution.StatusCanceled {
		t.Errorf("second attempt: got %s, %v; want canceled", got.Status, err)
	}
	first, _ := s.GetExecution(t.Context(), enforce.RuleExecutionID(ti.ID, "examples.greet_on_webhook", 0))
	if first.Status != execution.StatusFailed {
		t.Errorf("first attempt: got %s, want failed as it was", first.Status)
	}
	if err := r.Handle(t.Context(), fixture(t, func(d *StatusChange) { d.Name, d.Input = "other", ptr(`{"rule":"x.y","event":{}}`) })); err != nil {
		t.Errorf("an input naming no record: got %v, want nil", err)
	}
}
