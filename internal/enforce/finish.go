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
}

// finish is the finish step: the final status and result of a run.
func (e *Enforcer) finish(ctx context.Context, in finishInput) (finishOutput, error) {
	status, result := outcome(in)
	var x execution.Execution
	var err error
	if known, ok := in.Execution.record(); ok {
		x, err = e.completeKnown(ctx, known, status, result)
	} else {
		x, err = e.complete(ctx, in.Execution.ID, execution.StatusRunning, status, result)
	}
	if err != nil {
		return finishOutput{}, err
	}
	out := finishOutput{Outcome: OutcomeDone, Execution: executionRef{ID: x.ID, Action: x.Action.Ref}, Status: string(x.Status)}
	if r := e.retryOf(x); r != nil && in.Retries < r.Max {
		out.Outcome, out.RetryCount, out.Delay = OutcomeRetry, in.Retries+1, int(math.Ceil(r.Delay))
	}
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
// own {"output", "errors"} when the cause carries it, else {"error",
// "cause"}.
func errorResult(te *taskError) any {
	var wf map[string]any
	if json.Unmarshal([]byte(te.Cause), &wf) == nil {
		if _, ok := wf["errors"]; ok {
			return wf
		}
	}
	var desc struct {
		Cause string `json:"Cause"`
		Error string `json:"Error"`
	}
	if json.Unmarshal([]byte(te.Cause), &desc) == nil && desc.Cause != "" {
		var wf map[string]any
		if json.Unmarshal([]byte(desc.Cause), &wf) == nil {
			return wf
		}
		return map[string]any{"error": desc.Error, "cause": desc.Cause}
	}
	return map[string]any{"error": te.Error, "cause": te.Cause}
}

// completeKnown is complete for a running top-level execution whose
// record the enforce step described: the outcome is one compare-and-set
// in a batch, which does not read the record back, and the triggers are
// emitted from the description.
func (e *Enforcer) completeKnown(ctx context.Context, x execution.Execution, to execution.Status, result any) (execution.Execution, error) {
	raw, err := json.Marshal(result)
	if err != nil {
		return execution.Execution{}, fmt.Errorf("encoding result of %s: %w", x.ID, err)
	}
	c := execution.Change{From: execution.StatusRunning, To: to, At: e.timestamp(), Result: raw}
	err = e.store.CreateBatch(ctx, execution.Batch{Transitions: []execution.Transition{{ID: x.ID, Change: c}}})
	if errors.Is(err, execution.ErrConflict) {
		return e.store.GetExecution(ctx, x.ID)
	}
	if err != nil {
		return execution.Execution{}, fmt.Errorf("recording outcome of %s: %w", x.ID, err)
	}
	x.Status = execution.StatusRunning
	x.Apply(c)
	e.emitActionTrigger(ctx, x, result)
	e.emitNotify(ctx, x, result)
	return x, nil
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
