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

	testBatchChanges(t, s)

	family := enforcementBatch("4", 4)
	child := newExecution("e-4-child", "core.local", 5)
	child.Parent = "e-4"
	family.Executions = append(family.Executions, child)
	must(t, s.CreateBatch(ctx, family))
	p, err := s.GetExecution(ctx, "e-4")
	must(t, err)
	sameIDs(t, "children of batch parent", p.Children, []string{"e-4-child"})
}

// testBatchChanges covers status changes in a batch: applied with the new
// records, or nothing written.
func testBatchChanges(t *testing.T, s execution.Store) {
	ctx := t.Context()
	must(t, s.CreateBatch(ctx, enforcementBatch("c1", 10))) // e-c1 requested, ti-c1 processing
	running := execution.Transition{ID: "e-c1", Change: execution.Change{From: "requested", To: "scheduled", At: at(11)}}
	processed := execution.TriggerInstanceChange{ID: "ti-c1", From: execution.TriggerProcessing, To: execution.TriggerProcessed}
	failing := []struct {
		name string
		b    execution.Batch
		want error
	}{
		{"stale execution status", execution.Batch{Transitions: []execution.Transition{{ID: "e-c1", Change: execution.Change{From: "running", To: "succeeded", At: at(11)}}}}, execution.ErrConflict},
		{"stale trigger instance status", execution.Batch{Transitions: []execution.Transition{running},
			TriggerInstanceChanges: []execution.TriggerInstanceChange{{ID: "ti-c1", From: execution.TriggerPending, To: execution.TriggerProcessed}}}, execution.ErrConflict},
		{"stale execution status before a valid change", execution.Batch{Transitions: []execution.Transition{{ID: "e-c1", Change: execution.Change{From: "running", To: "succeeded", At: at(11)}}},
			TriggerInstanceChanges: []execution.TriggerInstanceChange{processed}}, execution.ErrConflict},
		{"missing execution", execution.Batch{Transitions: []execution.Transition{{ID: "nope", Change: running.Change}}}, execution.ErrNotFound},
		{"forbidden transition", execution.Batch{Transitions: []execution.Transition{{ID: "e-c1", Change: execution.Change{From: "requested", To: "succeeded", At: at(11)}}}}, execution.ErrInvalidTransition},
		{"one execution twice", execution.Batch{Transitions: []execution.Transition{running, running}}, execution.ErrInvalid},
		{"new record and stale change", func() execution.Batch {
			b := enforcementBatch("c2", 12)
			b.TriggerInstanceChanges = []execution.TriggerInstanceChange{{ID: "ti-c1", From: execution.TriggerProcessed, To: execution.TriggerProcessingFailed}}
			return b
		}(), execution.ErrConflict},
	}
	for _, tt := range failing {
		wantErr(t, tt.name, s.CreateBatch(ctx, tt.b), tt.want)
	}
	_, err := s.GetTriggerInstance(ctx, "ti-c2")
	wantErr(t, "record of a batch with a stale change", err, execution.ErrNotFound)
	x, err := s.GetExecution(ctx, "e-c1")
	must(t, err)
	if x.Status != execution.StatusRequested || len(x.Log) != 1 {
		t.Errorf("after failed batches: got status %s with %d log entries, want requested with 1", x.Status, len(x.Log))
	}

	ok := enforcementBatch("c3", 13)
	ok.Transitions = []execution.Transition{running}
	ok.TriggerInstanceChanges = []execution.TriggerInstanceChange{processed}
	must(t, s.CreateBatch(ctx, ok))
	x, err = s.GetExecution(ctx, "e-c1")
	must(t, err)
	ti, err := s.GetTriggerInstance(ctx, "ti-c1")
	must(t, err)
	if x.Status != execution.StatusScheduled || ti.Status != execution.TriggerProcessed {
		t.Errorf("after the batch: got execution %s and trigger instance %s, want scheduled and processed", x.Status, ti.Status)
	}
	if _, err := s.GetExecution(ctx, "e-c3"); err != nil {
		t.Errorf("execution created with the changes: %v", err)
	}
}
