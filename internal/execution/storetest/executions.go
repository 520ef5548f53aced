package storetest

import (
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// testExecutions covers create, get, duplicates, validation and parents.
func testExecutions(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	e := newExecution("e1", "core.local", 1)
	must(t, s.CreateExecution(ctx, e))
	got, err := s.GetExecution(ctx, "e1")
	must(t, err)
	want := e
	want.Log = []execution.LogEntry{{Timestamp: at(1), Status: execution.StatusRequested}}
	sameJSON(t, "created execution", got, want)

	_, err = s.GetExecution(ctx, "missing")
	wantErr(t, "get missing", err, execution.ErrNotFound)

	dup := newExecution("e1", "core.other", 5)
	wantErr(t, "duplicate id", s.CreateExecution(ctx, dup), execution.ErrConflict)
	got, err = s.GetExecution(ctx, "e1")
	must(t, err)
	sameJSON(t, "execution after duplicate", got, want)

	invalid := []struct {
		name string
		edit func(*execution.Execution)
	}{
		{"empty id", func(e *execution.Execution) { e.ID = "" }},
		{"empty action", func(e *execution.Execution) { e.Action.Ref = "" }},
		{"zero start", func(e *execution.Execution) { e.StartTimestamp = time.Time{} }},
		{"unknown status", func(e *execution.Execution) { e.Status = "sleeping" }},
		{"log not ending in status", func(e *execution.Execution) {
			e.Log = []execution.LogEntry{{Timestamp: at(1), Status: execution.StatusScheduled}}
		}},
		{"log with a forbidden step", func(e *execution.Execution) {
			e.Status = execution.StatusRunning
			e.Log = []execution.LogEntry{{Timestamp: at(1), Status: "requested"}, {Timestamp: at(2), Status: "running"}}
		}},
		{"log entry without time", func(e *execution.Execution) {
			e.Log = []execution.LogEntry{{Status: execution.StatusRequested}}
		}},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			e := newExecution("bad", "core.local", 1)
			tt.edit(&e)
			wantErr(t, "create", s.CreateExecution(ctx, e), execution.ErrInvalid)
		})
	}
	testParents(t, s)
	testCreatedFinal(t, s)
	testCreatedWithHistory(t, s)
}

// testCreatedWithHistory checks that a valid log given at creation is
// kept.
func testCreatedWithHistory(t *testing.T, s execution.Store) {
	ctx := t.Context()
	e := newExecution("scheduled-at-once", "core.noop", 30)
	e.Status = execution.StatusScheduled
	e.Log = []execution.LogEntry{{Timestamp: at(30), Status: "requested"}, {Timestamp: at(31), Status: "scheduled"}}
	must(t, s.CreateExecution(ctx, e))
	got, err := s.GetExecution(ctx, e.ID)
	must(t, err)
	sameJSON(t, "execution created with its history", got, e)
}

// testCreatedFinal checks an execution created in a final status.
func testCreatedFinal(t *testing.T, s execution.Store) {
	ctx := t.Context()
	e := newExecution("failed-early", "core.nope", 20)
	e.Status, e.Result = execution.StatusFailed, []byte(`{"error":"action core.nope not found"}`)
	must(t, s.CreateExecution(ctx, e))
	got, err := s.GetExecution(ctx, "failed-early")
	must(t, err)
	if !got.EndTimestamp.Equal(e.StartTimestamp) || got.Status != execution.StatusFailed {
		t.Errorf("created failed: got status %s, end %v; want failed, ended at its start %v", got.Status, got.EndTimestamp, e.StartTimestamp)
	}
	inflight, err := s.InFlightExecutions(ctx)
	must(t, err)
	for _, x := range inflight {
		if x.ID == "failed-early" {
			t.Error("an execution created failed is listed in flight")
		}
	}
}

// testParents checks that children are linked to their parent.
func testParents(t *testing.T, s execution.Store) {
	ctx := t.Context()
	must(t, s.CreateExecution(ctx, newExecution("wf", "examples.wf", 10)))
	for _, id := range []string{"t1", "t2"} {
		c := newExecution(id, "core.local", 11)
		c.Parent = "wf"
		must(t, s.CreateExecution(ctx, c))
	}
	p, err := s.GetExecution(ctx, "wf")
	must(t, err)
	sameIDs(t, "children", p.Children, []string{"t1", "t2"})

	orphan := newExecution("orphan", "core.local", 12)
	orphan.Parent = "nobody"
	wantErr(t, "create with missing parent", s.CreateExecution(ctx, orphan), execution.ErrNotFound)
	_, err = s.GetExecution(ctx, "orphan")
	wantErr(t, "get orphan", err, execution.ErrNotFound)

	again := newExecution("t1", "core.local", 11)
	again.Parent = "wf"
	wantErr(t, "duplicate child", s.CreateExecution(ctx, again), execution.ErrConflict)
	p, err = s.GetExecution(ctx, "wf")
	must(t, err)
	sameIDs(t, "children after duplicate", p.Children, []string{"t1", "t2"})
}
