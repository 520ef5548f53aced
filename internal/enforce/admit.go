package enforce

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/runner"
)

// StatusDelayed is what the runner function returns for an execution the
// concurrency policy delayed: the machine waits and asks again.
const StatusDelayed = "delayed"

func concurrencyOf(a *Action) *Concurrency {
	if a.Policies == nil {
		return nil
	}
	return a.Policies.Concurrency
}

// notAdmitted applies the concurrency policy's action to an execution
// beyond the threshold: cancel it, or delay it (scheduled -> delayed).
func (e *Enforcer) notAdmitted(ctx context.Context, id string, c *Concurrency) (RunnerResponse, error) {
	x, err := e.store.GetExecution(ctx, id)
	if err != nil {
		return RunnerResponse{}, fmt.Errorf("reading execution %s: %w", id, err)
	}
	if c.Cancel {
		result := map[string]any{"error": fmt.Sprintf("canceled by policy %s: %d executions of %s already running", PolicyConcurrency, c.Threshold, x.Action.Ref)}
		if _, err := e.complete(ctx, id, x.Status, execution.StatusCanceled, result); err != nil {
			return RunnerResponse{}, err
		}
		return RunnerResponse{Status: string(runner.StatusCanceled), Result: result, ExecutionID: id}, nil
	}
	if x.Status == execution.StatusScheduled {
		if err := e.move(ctx, id, execution.StatusScheduled, execution.StatusDelayed); err != nil {
			return RunnerResponse{}, err
		}
	}
	return RunnerResponse{Status: StatusDelayed, ExecutionID: id}, nil
}

// undelay moves an execution the policy delayed back to scheduled once it
// is admitted.
func (e *Enforcer) undelay(ctx context.Context, id string) error {
	x, err := e.store.GetExecution(ctx, id)
	if err != nil {
		return fmt.Errorf("reading execution %s: %w", id, err)
	}
	if x.Status != execution.StatusDelayed {
		return nil
	}
	return e.move(ctx, id, execution.StatusDelayed, execution.StatusScheduled)
}
