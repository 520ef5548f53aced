package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/stormless/stormless/internal/execution"
)

// replay holds the tasks a workflow's log recorded after the checkpoint it
// resumed from: when the resumed workflow calls a task again, it gets the
// outcome its first call recorded instead of running the action twice.
// Safe for concurrent use; a nil *replay replays nothing.
type replay struct {
	mu    sync.Mutex
	tasks []*loggedTask
	taken []bool
}

func newReplay(tasks []*loggedTask) *replay {
	return &replay{tasks: tasks, taken: make([]bool, len(tasks))}
}

// take returns the first task not yet replayed with c's task name, action
// and parameters, nil when there is none.
func (p *replay) take(c taskCall) *loggedTask {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, t := range p.tasks {
		if !p.taken[i] && t.task == c.task && t.action == c.action && t.hash == c.hash {
			p.taken[i] = true
			return t
		}
	}
	return nil
}

// replayTask answers a task call of a resumed workflow from the task's
// record, when the log says it ran before the restart: a final record
// gives its status and result; a task still running when the engine
// stopped is marked abandoned (as StackStorm does) and the workflow goes
// on by its transitions; an inquiry still pending waits again, for the
// same inquiry. ok is false when the task did not run before.
func (e *Engine) replayTask(ctx context.Context, r *wfRun, call taskCall) (out json.RawMessage, ok bool, err error) {
	t := r.replay.take(call)
	if t == nil || t.id == "" {
		return nil, false, nil
	}
	y, err := e.store.GetExecution(ctx, t.id)
	if errors.Is(err, execution.ErrNotFound) {
		return nil, false, nil // the engine stopped before the task was recorded
	}
	if err != nil {
		return nil, true, fmt.Errorf("replaying task %s: %w", call.task, err)
	}
	call.id = y.ID
	n, err := r.log.start(call)
	e.report(err)
	if y.Status == execution.StatusPending && call.token != "" {
		e.enforcer.Rebind(y.ID, call.token)
		e.report(r.log.end(n, y.ID, string(y.Status)))
		e.holdForInquiry(r)
		out, err := response(y.Status, nil, y.ID)
		return out, true, err
	}
	if !y.Status.Final() {
		if y, err = e.abandon(ctx, y); err != nil {
			return nil, true, err
		}
	}
	e.report(r.log.end(n, y.ID, string(y.Status)))
	if call.token != "" {
		// Answered while no run was registered (just after a restart):
		// the hold it put on the workflow and those above ends here.
		for p := r; p != nil; p = e.runs.wf.get(p.parent) {
			e.unpause(p.id, p)
		}
		e.sendToken(call.token, y)
	}
	out, err = response(y.Status, y.Result, y.ID)
	return out, true, err
}

// abandon marks an execution left running by a restart abandoned.
func (e *Engine) abandon(ctx context.Context, y execution.Execution) (execution.Execution, error) {
	result, _ := json.Marshal(map[string]any{"error": abandonReason})
	for !y.Status.Final() {
		z, err := e.store.TransitionExecution(ctx, y.ID, execution.Change{From: y.Status, To: execution.StatusAbandoned, At: nowUTC(), Result: result})
		if err == nil {
			return z, nil
		}
		if y, err = e.store.GetExecution(ctx, y.ID); err != nil {
			return y, fmt.Errorf("abandoning execution %s: %w", y.ID, err)
		}
	}
	return y, nil
}

// sendToken completes a callback task with the outcome of its recorded
// execution: the result on success, else a failure.
func (e *Engine) sendToken(token string, y execution.Execution) {
	if y.Status == execution.StatusSucceeded {
		var v any
		_ = json.Unmarshal(y.Result, &v)
		e.report(e.interp.SendTaskSuccess(token, v))
		return
	}
	name := "States.TaskFailed"
	if y.Status == execution.StatusTimeout {
		name = "States.Timeout"
	}
	e.report(e.interp.SendTaskFailure(token, name, fmt.Sprintf("inquiry %s ended %s", y.ID, y.Status)))
}
