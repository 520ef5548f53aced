package local

import (
	"context"
	"errors"
	"fmt"
	"time"

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

// Submit starts action ref with params like Run but returns the execution
// id as soon as the execution is recorded (requested or later, or failed
// when it could not start), as the API's POST /executions does; the run
// goes on in the background, bounded by the engine's context, and Close
// waits for it. The error is for a run that could not be recorded.
func (e *Engine) Submit(ctx context.Context, ref string, params map[string]any, opts ...RunOption) (string, error) {
	runCtx, err := e.hold()
	if err != nil {
		return "", fmt.Errorf("submitting %s: %w", ref, err)
	}
	id := execution.NewID()
	if params == nil {
		params = map[string]any{}
	}
	input := map[string]any{"action": ref, "parameters": params, "id": id}
	for _, o := range opts {
		o(input)
	}
	x, err := e.interp.Start(runCtx, e.machine, input)
	if err != nil {
		e.wg.Done()
		return "", fmt.Errorf("submitting %s: %w", ref, err)
	}
	go func() {
		defer e.wg.Done()
		<-x.Done()
	}()
	return id, e.awaitRecorded(ctx, id, x)
}

// awaitRecorded waits until execution id is in the store or its
// enforcement ended without recording it.
func (e *Engine) awaitRecorded(ctx context.Context, id string, x *interp.Execution) error {
	for wait := 100 * time.Microsecond; ; wait = min(2*wait, 10*time.Millisecond) {
		_, err := e.store.GetExecution(ctx, id)
		if err == nil {
			return nil
		}
		if !errors.Is(err, execution.ErrNotFound) {
			return fmt.Errorf("reading execution %s: %w", id, err)
		}
		select {
		case <-x.Done():
			if _, err := e.store.GetExecution(ctx, id); err == nil {
				return nil
			}
			res := x.Result()
			return fmt.Errorf("submitting execution %s: enforcement %s: %s: %s", id, res.Status, res.Error, res.Cause)
		case <-ctx.Done():
			return fmt.Errorf("submitting execution %s: %w", id, ctx.Err())
		case <-time.After(wait):
		}
	}
}
