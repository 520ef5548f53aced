package enforce

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/runner"
)

// StartTask records a workflow task that a host runs itself (a nested
// workflow started by its parent's state machine): a child execution of
// the workflow execution named by parent (an execution id or the ARN of
// the state machine execution named after it) for action ref with params,
// moved to running. When the action is unknown or its parameters fail,
// the execution is recorded failed and the error says why. Errors from the
// store are returned as they are.
func (e *Enforcer) StartTask(ctx context.Context, ref string, params map[string]any, parent string) (execution.Execution, error) {
	req := RunnerRequest{Action: ref, Parameters: params, Context: map[string]any{"parent": map[string]any{"execution_id": parent}}}
	x, _, _, planErr := e.newTask(ctx, req)
	if err := e.store.CreateExecution(ctx, x); err != nil {
		return x, fmt.Errorf("recording task execution of %s: %w", ref, err)
	}
	e.traceTask(ctx, x)
	if planErr != nil {
		if _, err := e.complete(ctx, x.ID, execution.StatusRequested, execution.StatusFailed, runner.Failed(planErr).Result); err != nil {
			return x, err
		}
		return x, planErr
	}
	for _, to := range []execution.Status{execution.StatusScheduled, execution.StatusRunning} {
		if err := e.move(ctx, x.ID, x.Status, to); err != nil {
			return x, err
		}
		x.Status = to
	}
	return x, nil
}

// EndTask records the final status and result of a task StartTask began,
// and emits its action and notify triggers.
func (e *Enforcer) EndTask(ctx context.Context, id string, status execution.Status, result any) error {
	_, err := e.complete(ctx, id, execution.StatusRunning, status, result)
	return err
}

// WorkflowFailureResult reads the result of a failed workflow from the
// error and cause its state machine ended with: the workflow's own
// {"output", "errors"} when the cause carries it.
func WorkflowFailureResult(errName, cause string) any {
	if wf, ok := workflowResult(cause); ok {
		return wf
	}
	if r, ok := errorResult(&taskError{Error: errName, Cause: cause}).(map[string]any); ok {
		if _, ok := r["errors"]; ok {
			return r
		}
	}
	return workflowError(errName, cause)
}
