package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// cancelWait bounds how long Cancel waits for a canceled run to stop
// before it records the execution canceled anyway.
const cancelWait = 10 * time.Second

// activeRun is a running action or workflow Cancel can stop.
type activeRun struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// runs tracks the engine's running top-level executions by id.
type runs struct {
	mu sync.Mutex
	m  map[string]*activeRun
	// wf are the workflow runs Pause and Resume act on.
	wf wfRegistry
	// asks are the direct core.ask runs waiting for a response.
	asks asks
	// seal seals the workflow task logs.
	seal logSeal
}

// track returns a context for execution id's run that Cancel cancels, and
// the function to call when the run returns.
func (r *runs) track(ctx context.Context, id string) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	a := &activeRun{cancel: cancel, done: make(chan struct{})}
	r.mu.Lock()
	if r.m == nil {
		r.m = map[string]*activeRun{}
	}
	r.m[id] = a
	r.mu.Unlock()
	return ctx, func() {
		r.mu.Lock()
		if r.m[id] == a {
			delete(r.m, id)
		}
		r.mu.Unlock()
		cancel()
		close(a.done)
	}
}

// stop cancels execution id's run, if one is tracked, and returns a channel
// closed once it has returned (nil when none is tracked).
func (r *runs) stop(id string) <-chan struct{} {
	r.mu.Lock()
	a := r.m[id]
	r.mu.Unlock()
	if a == nil {
		return nil
	}
	a.cancel()
	return a.done
}

// Cancel cancels execution id on behalf of user, as StackStorm does: a
// requested, scheduled, delayed, pending, paused or running execution moves
// to canceling, its run is stopped (a running action's process group is
// killed; a workflow's state machine is stopped and its unfinished tasks
// move through canceling to canceled too), and it moves to canceled; a
// pending inquiry among them is canceled. Each execution canceled emits
// core.st2.generic.actiontrigger and its on-complete notify, as any
// completion does.
// Cancel returns the execution once it is canceled. Errors wrap
// execution.ErrNotFound for an unknown id and execution.ErrConflict for an
// execution already final. Safe for concurrent use.
func (e *Engine) Cancel(ctx context.Context, id string, user string) (execution.Execution, error) {
	if err := e.markCanceling(ctx, id); err != nil {
		return execution.Execution{}, err
	}
	children := e.cancelChildren(ctx, id)
	if done := e.runs.stop(id); done != nil {
		select {
		case <-done:
		case <-time.After(cancelWait):
		case <-ctx.Done():
		}
	}
	ctx = context.WithoutCancel(ctx)
	for _, c := range children {
		if _, err := e.markCanceled(ctx, c, user); err != nil {
			e.report(err)
		}
		e.report(e.cancelInquiry(ctx, c))
	}
	x, err := e.markCanceled(ctx, id, user)
	e.report(e.cancelInquiry(ctx, id))
	return x, err
}

// cancelChildren moves every unfinished descendant of execution id (a
// workflow's tasks) to canceling and returns their ids.
func (e *Engine) cancelChildren(ctx context.Context, id string) []string {
	x, err := e.store.GetExecution(ctx, id)
	if err != nil {
		return nil
	}
	var out []string
	for _, c := range x.Children {
		if e.markCanceling(ctx, c) == nil {
			out = append(out, c)
			out = append(out, e.cancelChildren(ctx, c)...)
		}
	}
	return out
}

// markCanceling moves execution id to canceling from whatever unfinished
// status it has, trying again while the run moves it on concurrently.
func (e *Engine) markCanceling(ctx context.Context, id string) error {
	for {
		x, err := e.store.GetExecution(ctx, id)
		if err != nil {
			return fmt.Errorf("reading execution %s: %w", id, err)
		}
		if !execution.CanTransition(x.Status, execution.StatusCanceling) {
			return fmt.Errorf("canceling execution %s: action cannot be canceled; current status: %s: %w", id, x.Status, execution.ErrConflict)
		}
		_, err = e.store.TransitionExecution(ctx, id, execution.Change{From: x.Status, To: execution.StatusCanceling, At: nowUTC()})
		if !errors.Is(err, execution.ErrConflict) {
			if err != nil {
				return fmt.Errorf("moving execution %s to canceling: %w", id, err)
			}
			return nil
		}
	}
}

// markCanceled moves execution id from canceling to canceled, recording who
// canceled it in its result.
func (e *Engine) markCanceled(ctx context.Context, id string, user string) (execution.Execution, error) {
	result, _ := json.Marshal(map[string]any{"error": "Execution canceled by user.", "canceled_by": user})
	x, err := e.store.TransitionExecution(ctx, id, execution.Change{From: execution.StatusCanceling, To: execution.StatusCanceled, At: nowUTC(), Result: result})
	if err != nil {
		return x, fmt.Errorf("moving execution %s to canceled: %w", id, err)
	}
	e.enforcer.EmitCompletion(ctx, x)
	return x, nil
}

// cancelable wraps the runner function so that Cancel can stop the run of
// a top-level execution (one the request names in context.execution_id).
func (e *Engine) cancelable(h handler) handler {
	return func(ctx context.Context, in json.RawMessage) (json.RawMessage, error) {
		var req struct {
			Context struct {
				ExecutionID string `json:"execution_id"`
			} `json:"context"`
		}
		if json.Unmarshal(in, &req) == nil && req.Context.ExecutionID != "" {
			var done func()
			ctx, done = e.runs.track(ctx, req.Context.ExecutionID)
			defer done()
		}
		return h(ctx, in)
	}
}
