package enforce

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/workflow"
)

// unwanted is a publisher for which no rule wants the events whose
// trigger type it names.
type unwanted struct {
	recorder
	types map[string]bool
}

func (u *unwanted) Unmatched(ev bus.Event) (execution.TriggerInstance, bool) {
	d, err := ev.TriggerDetail()
	if err != nil || !u.types[d.Trigger.Type] {
		return execution.TriggerInstance{}, false
	}
	return execution.TriggerInstance{ID: d.ID, Trigger: d.Trigger.Type, Payload: d.Payload, OccurrenceTime: ev.Time, Status: execution.TriggerProcessed}, true
}

func settlingEnforcer(t *testing.T, types ...string) (*Enforcer, execution.Store, *unwanted) {
	t.Helper()
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
	t.Cleanup(func() { s.Close() })
	reg := runner.NewRegistry()
	reg.Register("noop", runner.Noop)
	pub := &unwanted{types: map[string]bool{}}
	for _, ty := range types {
		pub.types[ty] = true
	}
	e, err := New(c, s, reg, WithPublisher(pub))
	if err != nil {
		t.Fatal(err)
	}
	return e, s, pub
}

// enforceSettling runs enforce, runner and finish on the value handlers
// for a webhook event whose trigger instance is recorded pending first
// (in status ti), and returns the finish output and the trigger instance.
func enforceSettling(t *testing.T, e *Enforcer, s execution.Store, ti execution.TriggerInstanceStatus) (map[string]any, string) {
	t.Helper()
	ev := webhookEvent(t, map[string]any{"name": "Ada", "token": "s3cret"})
	d, _ := ev.TriggerDetail()
	if err := s.CreateTriggerInstance(t.Context(), execution.TriggerInstance{ID: d.ID, Trigger: d.Trigger.Type, Payload: d.Payload, OccurrenceTime: ev.Time, Status: ti}); err != nil {
		t.Fatal(err)
	}
	call := func(f func(context.Context, any) (any, error), in map[string]any) map[string]any {
		t.Helper()
		out, err := f(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		return out.(map[string]any)
	}
	out := call(e.HandleValue, map[string]any{"step": StepEnforce, "rule": "e.regex", "event": mustValue(t, ev), "settle": true})
	req, ok := out["request"].(map[string]any)
	if !ok {
		t.Fatalf("got enforce output %v, want a request", out)
	}
	res := call(e.RunnerValue, req)
	fin := call(e.HandleValue, map[string]any{"step": StepFinish, "execution": out["execution"], "outcome": res})
	return fin, d.ID
}

func mustValue(t *testing.T, ev bus.Event) any {
	t.Helper()
	raw, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFinishSettlesInOneBatch(t *testing.T) {
	e, s, pub := settlingEnforcer(t, ActionTrigger)
	fin, ti := enforceSettling(t, e, s, execution.TriggerPending)
	if fin["status"] != "succeeded" || fin["settled"] != true {
		t.Fatalf("got finish %v, want succeeded and settled", fin)
	}
	got, err := s.GetTriggerInstance(t.Context(), ti)
	if err != nil || got.Status != execution.TriggerProcessed {
		t.Errorf("got trigger instance %v (%v), want processed", got.Status, err)
	}
	page, err := s.ListTriggerInstances(t.Context(), execution.TriggerInstanceQuery{Trigger: ActionTrigger})
	if err != nil || len(page.Items) != 1 || page.Items[0].Status != execution.TriggerProcessed {
		t.Errorf("got action trigger instances %+v (%v), want one, processed", page.Items, err)
	}
	if len(pub.events) != 0 {
		t.Errorf("got %d events published, want none (no rule wants them)", len(pub.events))
	}
}

func TestFinishPublishesWantedTriggers(t *testing.T) {
	e, s, pub := settlingEnforcer(t) // every event is wanted
	fin, _ := enforceSettling(t, e, s, execution.TriggerPending)
	if fin["status"] != "succeeded" {
		t.Fatalf("got finish %v, want succeeded", fin)
	}
	if len(pub.events) != 1 || pub.events[0].DetailType != ActionTrigger {
		t.Errorf("got published %v, want the action trigger", pub.events)
	}
	page, err := s.ListTriggerInstances(t.Context(), execution.TriggerInstanceQuery{Trigger: ActionTrigger})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("got %d action trigger instances recorded by finish, want none (the bus records them)", len(page.Items))
	}
}

func TestFinishSettlesOnlyPending(t *testing.T) {
	e, s, _ := settlingEnforcer(t, ActionTrigger)
	fin, ti := enforceSettling(t, e, s, execution.TriggerProcessed)
	if fin["status"] != "succeeded" || fin["settled"] != nil {
		t.Fatalf("got finish %v, want succeeded, not settled", fin)
	}
	if got, _ := s.GetTriggerInstance(t.Context(), ti); got.Status != execution.TriggerProcessed {
		t.Errorf("got trigger instance %v, want processed as it was", got.Status)
	}
}
