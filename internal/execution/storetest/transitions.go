package storetest

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// testTransitions covers the compare-and-set status change.
func testTransitions(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	must(t, s.CreateExecution(ctx, newExecution("e", "core.local", 0)))
	steps := []struct {
		name string
		c    execution.Change
		id   string
		want error
	}{
		{"requested to scheduled", execution.Change{From: "requested", To: "scheduled", At: at(1)}, "e", nil},
		{"stale from", execution.Change{From: "requested", To: "scheduled", At: at(2)}, "e", execution.ErrConflict},
		{"not allowed", execution.Change{From: "scheduled", To: "paused", At: at(2)}, "e", execution.ErrInvalidTransition},
		{"unknown execution", execution.Change{From: "scheduled", To: "running", At: at(2)}, "nope", execution.ErrNotFound},
		{"zero time", execution.Change{From: "scheduled", To: "running"}, "e", execution.ErrInvalid},
		{"scheduled to running", execution.Change{From: "scheduled", To: "running", At: at(2)}, "e", nil},
		{"running to succeeded", execution.Change{From: "running", To: "succeeded", At: at(5), Result: json.RawMessage(`{"ok":true}`)}, "e", nil},
		{"final stays final", execution.Change{From: "succeeded", To: "running", At: at(6)}, "e", execution.ErrInvalidTransition},
	}
	for _, tt := range steps {
		_, err := s.TransitionExecution(ctx, tt.id, tt.c)
		wantErr(t, tt.name, err, tt.want)
	}
	got, err := s.GetExecution(ctx, "e")
	must(t, err)
	want := newExecution("e", "core.local", 0)
	want.Status = execution.StatusSucceeded
	want.EndTimestamp = at(5)
	want.ElapsedSeconds = 5
	want.Result = json.RawMessage(`{"ok":true}`)
	want.Log = []execution.LogEntry{
		{Timestamp: at(0), Status: "requested"}, {Timestamp: at(1), Status: "scheduled"},
		{Timestamp: at(2), Status: "running"}, {Timestamp: at(5), Status: "succeeded"},
	}
	sameJSON(t, "execution after transitions", got, want)
	testTransitionRace(t, s)
}

// testTransitionRace checks that of many workers moving one execution,
// exactly one wins and the others get ErrConflict.
func testTransitionRace(t *testing.T, s execution.Store) {
	ctx := t.Context()
	must(t, s.CreateExecution(ctx, newExecution("race", "core.local", 0)))
	const workers = 16
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for i := range workers {
		wg.Go(func() {
			_, errs[i] = s.TransitionExecution(ctx, "race", execution.Change{From: "requested", To: "scheduled", At: at(1)})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		default:
			wantErr(t, "losing worker", err, execution.ErrConflict)
		}
	}
	if won != 1 {
		t.Errorf("got %d winning workers, want 1", won)
	}
	got, err := s.GetExecution(ctx, "race")
	must(t, err)
	if len(got.Log) != 2 {
		t.Errorf("got %d log entries, want 2", len(got.Log))
	}
}
