package local

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/execution"
)

// RunOption configures one Run.
type RunOption func(map[string]any)

// AsUser runs on behalf of user (StackStorm's "stanley" by default): the
// execution's context.user, action_context.user and the user scope of
// st2kv.
func AsUser(user string) RunOption {
	return func(in map[string]any) { in["user"] = user }
}

// Run runs action ref with params, as the API and CLI's run does, through
// the enforcement machine, and returns the execution record once it is
// final (with action.retry, the first attempt's). An unknown action,
// parameters that fail validation or an action that fails all give a
// failed execution and a nil error; the error is for a run that could not
// be recorded (store failure, ctx done, engine closed).
func (e *Engine) Run(ctx context.Context, ref string, params map[string]any, opts ...RunOption) (execution.Execution, error) {
	runCtx, err := e.hold()
	if err != nil {
		return execution.Execution{}, fmt.Errorf("running %s: %w", ref, err)
	}
	defer e.wg.Done()
	ctx, stop := mergeCancel(ctx, runCtx)
	defer stop()
	id := execution.NewID()
	if params == nil {
		params = map[string]any{}
	}
	input := map[string]any{"action": ref, "parameters": params, "id": id}
	for _, o := range opts {
		o(input)
	}
	res, _, err := e.interp.Run(ctx, e.machine, input)
	if err != nil {
		return execution.Execution{}, fmt.Errorf("running %s: %w", ref, err)
	}
	if res.Status != interp.StatusSucceeded {
		return execution.Execution{}, fmt.Errorf("running %s: enforcement %s: %s: %s", ref, res.Status, res.Error, res.Cause)
	}
	return e.store.GetExecution(context.WithoutCancel(ctx), id)
}

// mergeCancel returns a context done when either a or b is.
func mergeCancel(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(a)
	stop := context.AfterFunc(b, cancel)
	return ctx, func() { stop(); cancel() }
}
