package enforce

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/workflow"
)

// recorder is a bus.Publisher that keeps what it is given.
type recorder struct {
	mu     sync.Mutex
	events []bus.Event
}

func (r *recorder) Publish(_ context.Context, events ...bus.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, events...)
	return nil
}

func newEnforcer(t testing.TB) (*Enforcer, execution.Store, *recorder) {
	t.Helper()
	set, err := pack.Load(filepath.Join("..", "..", "packs", "core"), filepath.Join("testdata", "packs"))
	if err != nil {
		t.Fatalf("loading packs: %v", err)
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
	rec := &recorder{}
	e, err := New(c, s, reg, WithPublisher(rec), WithTriggerInstances(true))
	if err != nil {
		t.Fatal(err)
	}
	return e, s, rec
}

// step runs one enforcer step and decodes its output.
func step(t *testing.T, h func(context.Context, json.RawMessage) (json.RawMessage, error), in any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(in)
	out, err := h(t.Context(), b)
	if err != nil {
		t.Fatalf("got error %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func webhookEvent(t *testing.T, body map[string]any) bus.Event {
	t.Helper()
	ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "e"}, map[string]any{"body": body})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestEnforceRunFinish(t *testing.T) {
	e, s, rec := newEnforcer(t)
	ev := webhookEvent(t, map[string]any{"name": "Ada", "token": "s3cret"})
	out := step(t, e.Handle, map[string]any{"step": StepEnforce, "rule": "e.regex", "event": ev})
	if out["outcome"] != OutcomeAction {
		t.Fatalf("got outcome %v, want %s", out["outcome"], OutcomeAction)
	}
	req := out["request"].(map[string]any)
	if got := req["parameters"]; !reflect.DeepEqual(got, map[string]any{"who": "Ada", "token": "s3cret"}) {
		t.Errorf("got request parameters %v, want the rendered ones", got)
	}
	id := out["execution"].(map[string]any)["id"].(string)
	x, err := s.GetExecution(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != execution.StatusScheduled || x.Parameters["token"] != execution.Masked {
		t.Errorf("got %s with parameters %v, want scheduled with the token masked", x.Status, x.Parameters)
	}
	res := step(t, e.Runner, req)
	if res["status"] != "succeeded" {
		t.Fatalf("got runner status %v, want succeeded", res["status"])
	}
	fin := step(t, e.Handle, map[string]any{"step": StepFinish, "execution": out["execution"], "outcome": res})
	if fin["status"] != "succeeded" || fin["outcome"] != OutcomeDone {
		t.Errorf("got finish %v, want done and succeeded", fin)
	}
	if len(rec.events) != 1 || rec.events[0].DetailType != ActionTrigger {
		t.Errorf("got published %v, want one %s", rec.events, ActionTrigger)
	}
	again := step(t, e.Handle, map[string]any{"step": StepEnforce, "rule": "e.regex", "event": ev})
	if again["outcome"] != OutcomeDone {
		t.Errorf("got outcome %v for a redelivered event, want %s", again["outcome"], OutcomeDone)
	}
}

func TestEnforceOutcomes(t *testing.T) {
	e, s, _ := newEnforcer(t)
	cases := []struct {
		name    string
		body    map[string]any
		outcome string
	}{
		{name: "residual criteria fail", body: map[string]any{"name": "Bob"}, outcome: OutcomeNoMatch},
		{name: "residual criteria hold", body: map[string]any{"name": "Anna", "token": "x"}, outcome: OutcomeAction},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := step(t, e.Handle, map[string]any{"step": StepEnforce, "rule": "e.regex", "event": webhookEvent(t, c.body)})
			if out["outcome"] != c.outcome {
				t.Errorf("got outcome %v, want %s", out["outcome"], c.outcome)
			}
		})
	}
	page, err := s.ListEnforcements(t.Context(), execution.EnforcementQuery{Rule: "e.regex"})
	if err != nil || len(page.Items) != 1 {
		t.Errorf("got %d enforcements (%v), want 1 (no match records none)", len(page.Items), err)
	}
}

func TestDirectRunFailsEarly(t *testing.T) {
	e, s, _ := newEnforcer(t)
	cases := []struct {
		name   string
		action string
		params map[string]any
		reason string
	}{
		{name: "unknown action", action: "e.nope", reason: "unknown action"},
		{name: "missing required", action: "e.secretive", params: map[string]any{}, reason: `parameter "who" is required`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := step(t, e.Handle, map[string]any{"step": StepEnforce, "action": c.action, "parameters": c.params})
			if out["outcome"] != OutcomeFailed || !strings.Contains(out["reason"].(string), c.reason) {
				t.Fatalf("got %v, want failed because %q", out, c.reason)
			}
			x, err := s.GetExecution(t.Context(), out["execution"].(map[string]any)["id"].(string))
			if err != nil || x.Status != execution.StatusFailed {
				t.Errorf("got %s (%v), want a failed execution", x.Status, err)
			}
		})
	}
}

func TestHandleErrors(t *testing.T) {
	e, _, _ := newEnforcer(t)
	_, err := e.Handle(t.Context(), json.RawMessage(`{"step": "enforce", "rule": "e.nope", "event": {}}`))
	if !errors.Is(err, ErrUnknownRule) {
		t.Errorf("got %v, want ErrUnknownRule", err)
	}
	if _, err := e.Handle(t.Context(), json.RawMessage(`{"step": "dance"}`)); err == nil {
		t.Error("got no error for an unknown step, want one")
	}
}

func TestErrorResult(t *testing.T) {
	cases := []struct {
		name string
		in   taskError
		want any
	}{
		{name: "workflow failure", in: taskError{Error: "States.TaskFailed", Cause: `{"Status":"FAILED","Error":"StackStorm.WorkflowFailed","Cause":"{\"output\":null,\"errors\":[{\"message\":\"x\"}]}"}`},
			want: map[string]any{"output": nil, "errors": []any{map[string]any{"message": "x"}}}},
		{name: "plain error", in: taskError{Error: "Lambda.Unknown", Cause: "boom"},
			want: map[string]any{"error": "Lambda.Unknown", "cause": "boom"}},
		{name: "workflow expression error", in: taskError{Error: "States.TaskFailed", Cause: `{"Status":"FAILED","Error":"States.QueryEvaluationError","Cause":"The JSONata expression failed"}`},
			want: map[string]any{"output": nil, "errors": []any{map[string]any{"type": "error", "message": "States.QueryEvaluationError: The JSONata expression failed"}}}},
		{name: "workflow timed out", in: taskError{Error: "States.TaskFailed", Cause: `{"Status":"TIMED_OUT","Error":"States.Timeout"}`},
			want: map[string]any{"output": nil, "errors": []any{map[string]any{"type": "error", "message": "States.Timeout"}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := errorResult(&c.in); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestWorkflowFailureResult(t *testing.T) {
	got := WorkflowFailureResult("States.QueryEvaluationError", "bad path")
	want := map[string]any{"output": nil, "errors": []any{map[string]any{"type": "error", "message": "States.QueryEvaluationError: bad path"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	own := WorkflowFailureResult("StackStorm.WorkflowFailed", `{"output":{"a":1},"errors":[{"message":"x"}]}`)
	if m, _ := own.(map[string]any); m["output"] == nil {
		t.Errorf("got %v, want the workflow's own result", own)
	}
}

func TestDerivedID(t *testing.T) {
	a, b := derivedID("ti", "r", "execution"), derivedID("ti", "r", "execution")
	if a != b || len(a) != 24 || a == derivedID("ti", "r", "execution#1") {
		t.Errorf("got %s and %s, want equal 24-digit ids distinct per attempt", a, b)
	}
}

func TestDerivedIDFollowsObjectIDs(t *testing.T) {
	for range 1000 {
		ti := execution.NewID()
		id := derivedID(ti, "pack.rule", "execution")
		if len(id) != 24 || !isObjectID(id) {
			t.Fatalf("got %q, want 24 lower-case hexadecimal digits", id)
		}
		if id[:8] != ti[:8] {
			t.Fatalf("got %s for trigger instance %s, want its seconds in front", id, ti)
		}
		if id == derivedID(ti, "pack.rule", "trace") || id == derivedID(ti, "pack.other", "execution") {
			t.Fatalf("got %s for two records of %s, want distinct ids", id, ti)
		}
	}
	if got := derivedID("not-an-object-id", "r", "execution"); !isObjectID(got) {
		t.Errorf("got %q for a non-ObjectId trigger instance, want 24 hexadecimal digits", got)
	}
}

func TestDerivedIDsIncrease(t *testing.T) {
	a, b := execution.NewID(), execution.NewID()
	for a[18:] > b[18:] { // the counter wrapped between the two
		a, b = b, execution.NewID()
	}
	if x, y := derivedID(a, "r", "execution"), derivedID(b, "r", "execution"); a[:8] == b[:8] && x >= y {
		t.Errorf("got %s then %s for trigger instances %s < %s, want increasing ids", x, y, a, b)
	}
}

func TestPackConfig(t *testing.T) {
	p := &pack.Pack{ConfigSchema: map[string]*pack.Param{
		"region": {Default: "eu-west-1", HasDefault: true},
		"token":  {Secret: true},
	}}
	cases := []struct {
		name  string
		given map[string]any
		want  map[string]any
	}{
		{name: "defaults fill in", given: nil, want: map[string]any{"region": "eu-west-1"}},
		{name: "given wins", given: map[string]any{"region": "us-east-1", "token": "t"}, want: map[string]any{"region": "us-east-1", "token": "t"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := packConfig(p, c.given); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}
