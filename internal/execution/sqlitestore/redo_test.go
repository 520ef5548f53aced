package sqlitestore

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// batchOf returns a trigger instance, trace, enforcement and execution
// with ids ending in n.
func batchOf(n string) execution.Batch {
	now := time.Now().UTC()
	return execution.Batch{
		TriggerInstances: []execution.TriggerInstance{{ID: "ti" + n, Trigger: "core.st2.webhook",
			Payload: []byte(`{}`), OccurrenceTime: now, Status: execution.TriggerProcessed}},
		Traces: []execution.Trace{{ID: "tr" + n, TraceTag: "tag" + n, StartTimestamp: now}},
		Enforcements: []execution.Enforcement{{ID: "en" + n, Rule: execution.RuleRef{Ref: "examples.on_hook"},
			TriggerInstanceID: "ti" + n, ExecutionID: "e" + n, Status: execution.EnforcementSucceeded, EnforcedAt: now}},
		Executions: []execution.Execution{{ID: "e" + n, Action: execution.Action{Ref: "core.noop", RunnerType: "noop"},
			Runner: execution.Runner{Name: "noop"}, Status: execution.StatusRequested, StartTimestamp: now}},
	}
}

// TestTakenIDInGroup: a batch whose id is found taken after its first
// write fails alone; the batches committed in the same group are kept.
func TestTakenIDInGroup(t *testing.T) {
	ctx := t.Context()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CreateBatch(ctx, batchOf("0")); err != nil {
		t.Fatal(err)
	}

	// Hold the writer so that the next three batches share one group.
	started, release := make(chan struct{}), make(chan struct{})
	held := make(chan error, 1)
	go func() {
		held <- s.w.do(ctx, func(context.Context, *wtx) error { close(started); <-release; return nil })
	}()
	<-started
	clash := batchOf("2")
	clash.Executions[0].ID = "e0" // taken: found after three inserts
	clash.Transitions = []execution.Transition{{ID: "e0", Change: execution.Change{
		From: execution.StatusRequested, To: execution.StatusScheduled, At: time.Now().UTC()}}}
	results := make([]chan error, 3)
	for i, b := range []execution.Batch{batchOf("1"), clash, batchOf("3")} {
		results[i] = make(chan error, 1)
		go func() { results[i] <- s.CreateBatch(ctx, b) }()
		for len(s.w.queue) < i+1 {
			time.Sleep(time.Millisecond)
		}
	}
	close(release)
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	for i, want := range []error{nil, execution.ErrConflict, nil} {
		if err := <-results[i]; !errors.Is(err, want) || (want == nil && err != nil) {
			t.Errorf("batch %d: got %v, want %v", i, err, want)
		}
	}
	for _, id := range []string{"e1", "e3"} {
		if _, err := s.GetExecution(ctx, id); err != nil {
			t.Errorf("execution %s of the group: %v", id, err)
		}
	}
	if _, err := s.GetTriggerInstance(ctx, "ti2"); !errors.Is(err, execution.ErrNotFound) {
		t.Errorf("trigger instance of the failed batch: got %v, want ErrNotFound", err)
	}
	x, err := s.GetExecution(ctx, "e0")
	if err != nil || x.Status != execution.StatusRequested {
		t.Errorf("execution e0 after the failed batch's change: got %v, %v, want requested", x.Status, err)
	}
}
