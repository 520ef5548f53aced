package enforce

import (
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/workflow"
)

// TestQueuedNoop: with WithQueuedNoop a noop action's records are queued,
// not awaited; once the finish step returns they are all recorded, and a
// redelivered event records nothing twice.
func TestQueuedNoop(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs", "core"), filepath.Join("testdata", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCatalog(set, nil, workflow.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reg := runner.NewRegistry()
	reg.Register("noop", runner.Noop)
	e, err := New(c, s, reg, WithPublisher(&recorder{}), WithTriggerInstances(true), WithQueuedNoop(true))
	if err != nil {
		t.Fatal(err)
	}
	if e.queued == nil {
		t.Fatal("the SQLite store queues batches, but the enforcer does not use it")
	}
	ev := webhookEvent(t, map[string]any{"name": "Ada", "token": "s3cret"})
	var id string
	for attempt := range 2 {
		out := step(t, e.Handle, map[string]any{"step": StepEnforce, "rule": "e.regex", "event": ev})
		if out["outcome"] != OutcomeAction {
			t.Fatalf("attempt %d: got outcome %v, want %s", attempt, out["outcome"], OutcomeAction)
		}
		id = out["execution"].(map[string]any)["id"].(string)
		res := step(t, e.Runner, out["request"])
		fin := step(t, e.Handle, map[string]any{"step": StepFinish, "execution": out["execution"], "outcome": res})
		if fin["status"] != "succeeded" || fin["outcome"] != OutcomeDone {
			t.Errorf("attempt %d: got finish %v, want done and succeeded", attempt, fin)
		}
	}
	x, err := s.GetExecution(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var log []execution.Status
	for _, l := range x.Log {
		log = append(log, l.Status)
	}
	want := []execution.Status{execution.StatusRequested, execution.StatusScheduled, execution.StatusRunning, execution.StatusSucceeded}
	if x.Status != execution.StatusSucceeded || len(log) != len(want) {
		t.Fatalf("got %s with log %v, want succeeded with log %v", x.Status, log, want)
	}
	for i := range want {
		if log[i] != want[i] {
			t.Errorf("got log %v, want %v", log, want)
		}
	}
	page, err := s.ListEnforcements(t.Context(), execution.EnforcementQuery{Rule: "e.regex"})
	if err != nil || len(page.Items) != 1 {
		t.Errorf("got %d enforcements (%v), want 1", len(page.Items), err)
	}
	xs, err := s.ListExecutions(t.Context(), execution.ExecutionQuery{})
	if err != nil || len(xs.Items) != 1 {
		t.Errorf("got %d executions (%v), want 1", len(xs.Items), err)
	}
}
