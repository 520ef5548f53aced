package taskfn

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/runner/builtin"
	"github.com/stormless/stormless/internal/testutil/dynalite"
)

// TestEnforcementOnDynamoDB runs what the enforcement machine runs on AWS
// for one webhook event (enforce step, runner, finish step: the enforcer
// and runner functions' handlers) with the audit trail in DynamoDB
// (dynalite), and delivers the event twice as EventBridge may.
func TestEnforcementOnDynamoDB(t *testing.T) {
	srv := dynalite.Start(t)
	client := srv.Client()
	ctx := t.Context()
	table := dynalite.TableName("enforce")
	if err := dynamostore.CreateTable(ctx, client, table); err != nil {
		t.Fatal(err)
	}
	store, err := dynamostore.New(dynalite.NewTxClient(client), table)
	if err != nil {
		t.Fatal(err)
	}
	_, cat, err := catalog.Compile(filepath.Join("..", "..", "..", "packs"), "eu-west-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	runners, err := builtin.New()
	if err != nil {
		t.Fatal(err)
	}
	pub := &events{}
	enf, err := enforce.New(cat, store, runners, enforce.WithPublisher(pub), enforce.WithTriggerInstances(true))
	if err != nil {
		t.Fatal(err)
	}
	run := Runner(enf, kept{})

	ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "sample"}, map[string]any{"body": map[string]any{"name": "Ada"}, "headers": map[string]any{}})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(ev)
	in, _ := json.Marshal(map[string]any{"step": "enforce", "rule": "examples.greet_on_webhook", "event": json.RawMessage(raw)})
	var enforced struct {
		Outcome   string          `json:"outcome"`
		Execution json.RawMessage `json:"execution"`
		Request   json.RawMessage `json:"request"`
	}
	out, err := enf.Handle(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &enforced); err != nil || enforced.Outcome != "action" {
		t.Fatalf("enforce step: got %s, %v; want outcome action", out, err)
	}
	result, err := run(ctx, enforced.Request)
	if err != nil {
		t.Fatal(err)
	}
	fin, _ := json.Marshal(map[string]any{"step": "finish", "execution": enforced.Execution, "outcome": json.RawMessage(result)})
	if out, err = enf.Handle(ctx, fin); err != nil {
		t.Fatal(err)
	}

	var ref struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(enforced.Execution, &ref)
	x, err := store.GetExecution(ctx, ref.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "Hello, Ada!") {
		t.Errorf("execution: got %s %s, want succeeded saying Hello, Ada!", x.Status, x.Result)
	}
	lines, err := store.ListOutput(ctx, x.ID, 0, 0)
	if err != nil || len(lines) == 0 || !strings.Contains(lines[0].Data, "Hello, Ada!") {
		t.Errorf("output: got %+v, %v; want the greeting streamed", lines, err)
	}
	d, _ := ev.TriggerDetail()
	if id := enforce.RuleExecutionID(d.ID, "examples.greet_on_webhook", 0); id != x.ID {
		t.Errorf("RuleExecutionID: got %s, want the enforce step's %s", id, x.ID)
	}
	if ti, err := store.GetTriggerInstance(ctx, d.ID); err != nil || ti.Status != execution.TriggerProcessed {
		t.Errorf("trigger instance %s: got %+v, %v; want it recorded processed", d.ID, ti, err)
	}
	p, err := store.ListEnforcements(ctx, execution.EnforcementQuery{Rule: "examples.greet_on_webhook"})
	if err != nil || len(p.Items) != 1 || p.Items[0].ExecutionID != x.ID {
		t.Errorf("enforcements: got %+v, %v; want one naming the execution", p.Items, err)
	}
	if len(pub.got) == 0 || pub.got[len(pub.got)-1].DetailType != "core.st2.generic.actiontrigger" {
		t.Errorf("got events %v, want the actiontrigger last", pub.got)
	}

	// EventBridge delivers at least once: the same event again runs nothing.
	out, err = enf.Handle(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &enforced); err != nil || enforced.Outcome == "action" {
		t.Errorf("second delivery: got %s, want no second run", out)
	}
	all, err := store.ListExecutions(ctx, execution.ExecutionQuery{Rule: "examples.greet_on_webhook"})
	if err != nil || len(all.Items) != 1 {
		t.Errorf("executions of the rule: got %d, %v; want 1", len(all.Items), err)
	}
}
