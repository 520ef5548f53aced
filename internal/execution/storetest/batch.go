package storetest

import (
	"fmt"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// enforcementBatch returns what one enforcement records, with ids from n.
func enforcementBatch(n string, sec int) execution.Batch {
	e := newExecution("e-"+n, "core.noop", sec)
	e.Rule = &execution.RuleRef{Ref: "examples.on_hook"}
	e.TriggerInstance = &execution.TriggerInstanceRef{ID: "ti-" + n}
	return execution.Batch{
		TriggerInstances: []execution.TriggerInstance{newTriggerInstance("ti-"+n, "core.st2.webhook", sec)},
		Traces:           []execution.Trace{newTrace("tr-"+n, "tag-"+n, sec)},
		Enforcements:     []execution.Enforcement{newEnforcement("en-"+n, "examples.on_hook", "ti-"+n, "e-"+n, sec)},
		Executions:       []execution.Execution{e},
	}
}

// testBatch covers CreateBatch: every record or none.
func testBatch(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	must(t, s.CreateBatch(ctx, enforcementBatch("1", 1)))
	if _, err := s.GetTriggerInstance(ctx, "ti-1"); err != nil {
		t.Errorf("trigger instance of batch: %v", err)
	}
	if _, err := s.GetTrace(ctx, "tr-1"); err != nil {
		t.Errorf("trace of batch: %v", err)
	}
	if _, err := s.GetEnforcement(ctx, "en-1"); err != nil {
		t.Errorf("enforcement of batch: %v", err)
	}
	if _, err := s.GetExecution(ctx, "e-1"); err != nil {
		t.Errorf("execution of batch: %v", err)
	}

	clash := enforcementBatch("2", 2)
	clash.Executions[0].ID = "e-1"
	wantErr(t, "batch with an existing id", s.CreateBatch(ctx, clash), execution.ErrConflict)
	_, err := s.GetTriggerInstance(ctx, "ti-2")
	wantErr(t, "trigger instance of failed batch", err, execution.ErrNotFound)
	_, err = s.GetEnforcement(ctx, "en-2")
	wantErr(t, "enforcement of failed batch", err, execution.ErrNotFound)

	invalid := enforcementBatch("3", 3)
	invalid.Enforcements[0].Rule.Ref = ""
	wantErr(t, "invalid batch", s.CreateBatch(ctx, invalid), execution.ErrInvalid)
	_, err = s.GetTriggerInstance(ctx, "ti-3")
	wantErr(t, "trigger instance of invalid batch", err, execution.ErrNotFound)

	big := execution.Batch{}
	for i := range execution.MaxBatchRecords + 1 {
		big.TriggerInstances = append(big.TriggerInstances, newTriggerInstance(fmt.Sprint("big-", i), "t.t", 1))
	}
	wantErr(t, "batch over MaxBatchRecords", s.CreateBatch(ctx, big), execution.ErrInvalid)
	_, err = s.GetTriggerInstance(ctx, "big-0")
	wantErr(t, "trigger instance of oversized batch", err, execution.ErrNotFound)

	twice := enforcementBatch("5", 5)
	twice.Enforcements = append(twice.Enforcements, twice.Enforcements[0])
	wantErr(t, "id twice in one batch", s.CreateBatch(ctx, twice), execution.ErrConflict)
	_, err = s.GetTriggerInstance(ctx, "ti-5")
	wantErr(t, "trigger instance of batch with a repeated id", err, execution.ErrNotFound)

	family := enforcementBatch("4", 4)
	child := newExecution("e-4-child", "core.local", 5)
	child.Parent = "e-4"
	family.Executions = append(family.Executions, child)
	must(t, s.CreateBatch(ctx, family))
	p, err := s.GetExecution(ctx, "e-4")
	must(t, err)
	sameIDs(t, "children of batch parent", p.Children, []string{"e-4-child"})
}
