package enforce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/stormless/stormless/internal/execution"
)

// finishOutput is the finish step's output.
type finishOutput struct {
	Outcome   string       `json:"outcome"`
	Execution executionRef `json:"execution"`
	Status    string       `json:"status"`
	// RetryCount and Delay are set for OutcomeRetry: the attempt to run
	// and the seconds to wait first.
	RetryCount int `json:"retry_count,omitempty"`
	Delay      int `json:"delay"`
	// Settled says the trigger instance was marked processed with the
	// outcome (see enforceInput.Settle).
	Settled bool `json:"settled,omitempty"`
}

// finish is the finish step: the final status and result of a run.
func (e *Enforcer) finish(ctx context.Context, in finishInput) (finishOutput, error) {
	status, result := outcome(in)
	if known, ok := in.Execution.record(); ok {
		return e.finishKnown(ctx, in, known, status, result)
	}
	x, err := e.complete(ctx, in.Execution.ID, execution.StatusRunning, status, result)
	if err != nil {
		return finishOutput{}, err
	}
	return e.finished(x, in, false), nil
}

// finished is the finish step's output for execution x.
func (e *Enforcer) finished(x execution.Execution, in finishInput, settled bool) finishOutput {
	out := finishOutput{Outcome: OutcomeDone, Execution: executionRef{ID: x.ID, Action: x.Action.Ref}, Status: string(x.Status), Settled: settled}
	if r := e.retryOf(x); r != nil && in.Retries < r.Max {
		out.Outcome, out.RetryCount, out.Delay = OutcomeRetry, in.Retries+1, int(math.Ceil(r.Delay))
	}
	return out
}

// finishKnown finishes a running top-level execution whose record the
// enforce step described, in one batch that does not read the record
// back: the outcome, the trigger instances of the action and notify
// triggers no rule wants (the others are published once it is written)
// and, when asked and no retry follows, the trigger instance processed.
// An execution already final (abandoned by a restart, canceled) is left
// as it is and nothing is emitted, as complete does.
func (e *Enforcer) finishKnown(ctx context.Context, in finishInput, x execution.Execution, to execution.Status, result any) (finishOutput, error) {
	raw, err := json.Marshal(result)
	if err != nil {
		return finishOutput{}, fmt.Errorf("encoding result of %s: %w", x.ID, err)
	}
	c := execution.Change{From: execution.StatusRunning, To: to, At: e.timestamp(), Result: raw}
	x.Status = execution.StatusRunning
	x.Apply(c)
	var col collected
	cctx := collecting(ctx, &col)
	e.emitActionTrigger(cctx, x, result)
	e.emitNotify(cctx, x, result)
	b := execution.Batch{Transitions: []execution.Transition{{ID: x.ID, Change: c}}}
	publish := e.split(col.events, &b)
	out := e.finished(x, in, false)
	settle := in.Execution.Settle != "" && out.Outcome == OutcomeDone && b.Len() < execution.MaxBatchRecords
	if settle {
		b.TriggerInstanceChanges = []execution.TriggerInstanceChange{{ID: in.Execution.Settle, From: execution.TriggerPending, To: execution.TriggerProcessed}}
	}
	err = e.store.CreateBatch(ctx, b)
	if errors.Is(err, execution.ErrConflict) && settle {
		// The trigger instance is not pending (or the execution not
		// running): try without it, the host settles the trigger instance.
		b.TriggerInstanceChanges, settle = nil, false
		err = e.store.CreateBatch(ctx, b)
	}
	if errors.Is(err, execution.ErrConflict) {
		stored, err := e.store.GetExecution(ctx, x.ID)
		if err != nil {
			return finishOutput{}, err
		}
		return e.finished(stored, in, false), nil
	}
	if err != nil {
		return finishOutput{}, fmt.Errorf("recording outcome of %s: %w", x.ID, err)
	}
	e.publishNow(ctx, publish)
	out.Settled = settle
	return out, nil
}

// retryOf returns the action.retry policy that applies to a finished
// execution, nil when none does.
func (e *Enforcer) retryOf(x execution.Execution) *Retry {
	a, err := e.catalog.Action(x.Action.Ref)
	if err != nil || a.Policies == nil || a.Policies.Retry == nil || a.Workflow != nil {
		return nil
	}
	r := a.Policies.Retry
	if x.Status == execution.StatusFailed && !r.OnTimeout || x.Status == execution.StatusTimeout && r.OnTimeout {
		return r
	}
	return nil
}

// outcome reads the final status and result from what the run task
// returned or the error it caught.
func outcome(in finishInput) (execution.Status, any) {
	if in.Error != nil {
		return execution.StatusFailed, errorResult(in.Error)
	}
	if in.Outcome == nil {
		return execution.StatusFailed, map[string]any{"error": "the run task returned nothing"}
	}
	s := execution.Status(in.Outcome.Status)
	if !s.Final() {
		return execution.StatusFailed, map[string]any{"error": fmt.Sprintf("the runner returned status %q, which is not final", s), "result": in.Outcome.Result}
	}
	return s, in.Outcome.Result
}

// errorResult turns a caught task error into a result: a failed workflow's
// own {"output", "errors"} when the cause carries it; for any other failure
// of a workflow's state machine (the cause is its DescribeExecution: an
// expression error, a timeout, an abort) StackStorm's workflow shape with
// the error as its one entry; else {"error", "cause"}.
func errorResult(te *taskError) any {
	if wf, ok := workflowResult(te.Cause); ok {
		return wf
	}
	var desc struct {
		Status string `json:"Status"`
		Cause  string `json:"Cause"`
		Error  string `json:"Error"`
	}
	if json.Unmarshal([]byte(te.Cause), &desc) == nil && desc.Status != "" && (desc.Error != "" || desc.Cause != "") {
		if wf, ok := workflowResult(desc.Cause); ok {
			return wf
		}
		return workflowError(desc.Error, desc.Cause)
	}
	return map[string]any{"error": te.Error, "cause": te.Cause}
}

// workflowResult decodes a workflow's {"output", "errors"} result.
func workflowResult(text string) (map[string]any, bool) {
	var wf map[string]any
	if json.Unmarshal([]byte(text), &wf) != nil {
		return nil, false
	}
	_, ok := wf["errors"]
	return wf, ok
}

// workflowError is StackStorm's result of a workflow that failed with one
// error of the engine's (not a task's): {"output": null, "errors":
// [{"type": "error", "message": "<name>: <cause>"}]}.
func workflowError(name, cause string) map[string]any {
	msg := name
	if cause != "" {
		msg += ": " + cause
	}
	return map[string]any{"output": nil, "errors": []any{map[string]any{"type": "error", "message": msg}}}
}

// complete moves an execution to its final status with its result and
// emits the action trigger and the notify triggers. An execution already final (abandoned by a
// restart, canceled) is left as it is.
func (e *Enforcer) complete(ctx context.Context, id string, from, to execution.Status, result any) (execution.Execution, error) {
	raw, err := json.Marshal(result)
	if err != nil {
		return execution.Execution{}, fmt.Errorf("encoding result of %s: %w", id, err)
	}
	x, err := e.store.TransitionExecution(ctx, id, execution.Change{From: from, To: to, At: e.timestamp(), Result: raw})
	if errors.Is(err, execution.ErrConflict) {
		return e.store.GetExecution(ctx, id)
	}
	if err != nil {
		return execution.Execution{}, fmt.Errorf("recording outcome of %s: %w", id, err)
	}
	e.emitActionTrigger(ctx, x, result)
	e.emitNotify(ctx, x, result)
	return x, nil
}
