package local

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/execution"
)

// ReRun runs finished workflow execution id again from tasks, on behalf of
// user, as StackStorm's `st2 execution re-run <id> --tasks ...` does, and
// returns the new execution's id once it is recorded (running). The new
// execution starts at the top-level state of the earliest of those tasks,
// with the context the workflow had there (its input and every variable
// published before), read from the workflow's checkpoint log: the tasks
// before it are not run again; the named tasks and everything after them
// run again; a task that ran beside them (a fork's other branch, in the
// same top-level state) and succeeded is not run again: its recorded
// result is reused, and it is not a child of the new execution. The new
// execution has the original's parameters (as recorded) and its context
// names the original under "re-run": {"ref", "tasks"}.
//
// Errors wrap execution.ErrNotFound for an unknown id,
// execution.ErrConflict for an execution that is not a finished workflow,
// and execution.ErrInvalid for tasks it never ran or a workflow whose log
// is gone (run without a data directory).
func (e *Engine) ReRun(ctx context.Context, id string, tasks []string, user string) (string, error) {
	runCtx, err := e.hold()
	if err != nil {
		return "", fmt.Errorf("re-running execution %s: %w", id, err)
	}
	started := false
	defer func() {
		if !started {
			e.wg.Done()
		}
	}()
	orig, wm, from, err := e.reRunPoint(ctx, id, tasks)
	if err != nil {
		return "", err
	}
	x, err := e.recordReRun(ctx, orig, tasks, user)
	if err != nil {
		return "", err
	}
	retarget(from.cp, orig.ID, x.ID)
	started = true
	go func() {
		defer e.wg.Done()
		ctx, done := e.runs.track(runCtx, x.ID)
		defer done()
		_, _ = e.runWorkflow(ctx, wm, x.ID, "", nil, "sync:2", from)
	}()
	return x.ID, nil
}

// reRunPoint finds where a re-run of workflow execution id from tasks
// starts: the first checkpoint a task of tasks was logged under.
func (e *Engine) reRunPoint(ctx context.Context, id string, tasks []string) (execution.Execution, workflowMachine, *resumePoint, error) {
	orig, err := e.store.GetExecution(ctx, id)
	if err != nil {
		return orig, workflowMachine{}, nil, fmt.Errorf("reading execution %s: %w", id, err)
	}
	wm, ok := e.current().workflows[workflowARN(orig.Action.Ref)]
	if !ok || !orig.Status.Final() {
		return orig, wm, nil, fmt.Errorf("re-running execution %s from tasks: it is %s %s, only a finished workflow re-runs from tasks: %w", id, orig.Action.Ref, orig.Status, execution.ErrConflict)
	}
	if len(tasks) == 0 {
		return orig, wm, nil, fmt.Errorf("re-running execution %s from tasks: no task named: %w", id, execution.ErrInvalid)
	}
	lr, err := e.readTaskLog(id)
	if err != nil {
		return orig, wm, nil, err
	}
	if lr.last() == nil {
		return orig, wm, nil, fmt.Errorf("re-running execution %s from tasks: its task log is gone (the engine ran without a data directory): %w", id, execution.ErrInvalid)
	}
	ran := map[string]bool{}
	var seg *logSegment
	for _, s := range lr.segments {
		for _, t := range s.tasks {
			ran[t.task] = true
			if seg == nil && slices.Contains(tasks, t.task) {
				seg = s
			}
		}
	}
	var missing []string
	for _, t := range tasks {
		if !ran[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return orig, wm, nil, fmt.Errorf("re-running execution %s: task(s) %s were not run by it: %w", id, strings.Join(missing, ", "), execution.ErrInvalid)
	}
	var keep []*loggedTask
	for _, t := range seg.tasks {
		if t.ended && t.status == string(execution.StatusSucceeded) && !slices.Contains(tasks, t.task) {
			keep = append(keep, t)
		}
	}
	cp, err := copyCheckpoint(seg.cp)
	if err != nil {
		return orig, wm, nil, err
	}
	return orig, wm, &resumePoint{cp: cp, replay: newReplay(keep)}, nil
}

// recordReRun records the new execution of a re-run, running.
func (e *Engine) recordReRun(ctx context.Context, orig execution.Execution, tasks []string, user string) (execution.Execution, error) {
	rerun, _ := json.Marshal(map[string]any{"ref": orig.ID, "tasks": tasks})
	if user == "" {
		user = orig.Context.User
	}
	x := execution.Execution{ID: execution.NewID(), Action: orig.Action, Runner: orig.Runner, Parameters: orig.Parameters,
		Status: execution.StatusRequested, StartTimestamp: nowUTC(),
		Context: execution.Context{User: user, Pack: orig.Context.Pack, Extra: map[string]json.RawMessage{"re-run": rerun}}}
	if err := e.store.CreateExecution(ctx, x); err != nil {
		return x, fmt.Errorf("recording re-run of %s: %w", orig.ID, err)
	}
	for _, to := range []execution.Status{execution.StatusScheduled, execution.StatusRunning} {
		if _, err := e.store.TransitionExecution(ctx, x.ID, execution.Change{From: x.Status, To: to, At: nowUTC()}); err != nil {
			return x, fmt.Errorf("moving re-run %s to %s: %w", x.ID, to, err)
		}
		x.Status = to
	}
	return x, nil
}

// copyCheckpoint returns a deep copy of cp.
func copyCheckpoint(cp *interp.Checkpoint) (*interp.Checkpoint, error) {
	b, err := json.Marshal(cp)
	if err != nil {
		return nil, fmt.Errorf("copying checkpoint: %w", err)
	}
	var out interp.Checkpoint
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("copying checkpoint: %w", err)
	}
	return &out, nil
}

// retarget makes a copied checkpoint the new execution's: its name, and
// the st2.action_execution_id the workflow's input and variables carry.
func retarget(cp *interp.Checkpoint, from, to string) {
	cp.Name = to
	for _, v := range []any{cp.Input, cp.StateInput, cp.Variables} {
		m, _ := v.(map[string]any)
		if st2, ok := m["st2"].(map[string]any); ok && st2["action_execution_id"] == from {
			st2["action_execution_id"] = to
		}
	}
}
