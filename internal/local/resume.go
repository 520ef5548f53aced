package local

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/execution"
)

// resumePoint is where a workflow resumes after a restart: the checkpoint
// of the last top-level state a task started in, the tasks logged since
// (replayed from their records), and whether it was paused by Pause (an
// inquiry's pause comes back when its task is replayed).
type resumePoint struct {
	cp     *interp.Checkpoint
	replay *replay
	paused bool
}

// resumePoint reads workflow execution id's log. The tasks logged after
// the last checkpoint that never logged their end (the engine stopped
// while they ran) are matched to the child executions no logged task
// names, by action, in the order they were created. With no checkpoint,
// cp is nil.
func (e *Engine) resumePoint(ctx context.Context, id string) (*resumePoint, error) {
	lr, err := e.readTaskLog(id)
	if err != nil {
		return nil, err
	}
	x, err := e.store.GetExecution(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reading workflow execution %s: %w", id, err)
	}
	children, err := e.childRecords(ctx, x)
	if err != nil {
		return nil, err
	}
	rp := &resumePoint{paused: lr != nil && lr.paused && (x.Status == execution.StatusPaused || x.Status == execution.StatusPausing)}
	seg := lr.last()
	if seg == nil {
		return rp, nil
	}
	rp.cp = seg.cp
	assigned := map[string]bool{}
	for _, t := range seg.tasks {
		if t.ended {
			continue
		}
		for _, c := range children {
			if !lr.ids[c.ID] && !assigned[c.ID] && c.Action.Ref == t.action {
				assigned[c.ID], t.id = true, c.ID
				break
			}
		}
	}
	rp.replay = newReplay(seg.tasks)
	return rp, nil
}

// childRecords reads the task executions of workflow execution x.
func (e *Engine) childRecords(ctx context.Context, x execution.Execution) ([]execution.Execution, error) {
	out := make([]execution.Execution, 0, len(x.Children))
	for _, c := range x.Children {
		y, err := e.store.GetExecution(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("reading task execution %s of %s: %w", c, x.ID, err)
		}
		out = append(out, y)
	}
	return out, nil
}

// resumable workflow statuses: a top-level workflow left in one of them
// with a checkpoint in its log resumes on start.
func workflowInFlight(s execution.Status) bool {
	switch s {
	case execution.StatusRunning, execution.StatusPausing, execution.StatusPaused, execution.StatusResuming:
		return true
	}
	return false
}

// planResumes picks the top-level workflow executions left in flight
// whose log holds a checkpoint, and the executions below them to keep as
// they are (their nested workflows, resumed by their parents, and pending
// inquiries, asked again); direct runs that never started, to run again
// (see queuedDirect); and direct core.ask executions still pending, which
// Respond can still answer.
func (e *Engine) planResumes(ctx context.Context, xs []execution.Execution) (resume []execution.Execution, keep map[string]bool, err error) {
	keep = map[string]bool{}
	byID := make(map[string]execution.Execution, len(xs))
	for _, x := range xs {
		byID[x.ID] = x
	}
	for _, x := range xs {
		if x.Parent == "" && x.Status == execution.StatusPending && x.Runner.Name == inquirerRunner {
			keep[x.ID] = true
			continue
		}
		if e.queuedDirect(x) {
			keep[x.ID] = true
			resume = append(resume, x)
			continue
		}
		if x.Parent != "" || !workflowInFlight(x.Status) || !e.isWorkflow(x.Action.Ref) {
			continue
		}
		lr, err := e.readTaskLog(x.ID)
		if err != nil {
			return nil, nil, err
		}
		if lr.last() == nil {
			continue
		}
		resume = append(resume, x)
		e.keepTree(x, byID, keep)
	}
	return resume, keep, nil
}

// keepTree keeps x and its nested workflows and pending inquiries.
func (e *Engine) keepTree(x execution.Execution, byID map[string]execution.Execution, keep map[string]bool) {
	keep[x.ID] = true
	for _, c := range x.Children {
		y, ok := byID[c]
		switch {
		case !ok:
		case y.Status == execution.StatusPending:
			keep[y.ID] = true
		case e.isWorkflow(y.Action.Ref):
			e.keepTree(y, byID, keep)
		}
	}
}

// queuedDirect reports whether x is a direct run (Run, Submit, the API)
// that never started: requested, scheduled or delayed by the concurrency
// policy. It runs again through the enforcement machine under its id, from
// the parameters it recorded, unless a secret among them is masked there.
func (e *Engine) queuedDirect(x execution.Execution) bool {
	switch x.Status {
	case execution.StatusRequested, execution.StatusScheduled, execution.StatusDelayed:
	default:
		return false
	}
	if x.Parent != "" || x.TriggerInstance != nil || x.Rule != nil {
		return false
	}
	a, err := e.current().catalog.Action(x.Action.Ref)
	if err != nil {
		return false
	}
	for name, p := range a.Pack.Parameters {
		if _, given := x.Parameters[name]; p.Secret && given {
			return false
		}
	}
	return true
}

// requeue enforces queued direct run x again under its id: the
// enforcement finds the record and takes it up where it stopped, so a run
// the concurrency policy delayed waits for a free slot again.
func (e *Engine) requeue(x execution.Execution) {
	params := map[string]any{}
	a, err := e.current().catalog.Action(x.Action.Ref)
	if err != nil {
		e.report(err)
		return
	}
	for k, v := range x.Parameters {
		if p := a.Pack.Parameters[k]; p == nil || !p.Immutable {
			params[k] = v
		}
	}
	input := map[string]any{"action": x.Action.Ref, "parameters": params, "id": x.ID, "user": x.Context.User}
	run, err := e.interp.Start(e.context(), e.machine, input)
	if err != nil {
		e.report(fmt.Errorf("requeueing execution %s: %w", x.ID, err))
		return
	}
	<-run.Done()
}

// resumeTop resumes top-level workflow execution x from its checkpoint
// and records its outcome, or requeues a direct run that never started.
// It runs on its own goroutine, counted in wg.
func (e *Engine) resumeTop(x execution.Execution) {
	defer e.wg.Done()
	if !workflowInFlight(x.Status) {
		e.requeue(x)
		return
	}
	ctx, done := e.runs.track(e.context(), x.ID)
	defer done()
	wm, ok := e.current().workflows[workflowARN(x.Action.Ref)]
	if !ok {
		e.report(fmt.Errorf("resuming workflow execution %s: workflow %s is no longer loaded", x.ID, x.Action.Ref))
		return
	}
	from, err := e.resumePoint(ctx, x.ID)
	if err != nil {
		e.report(err)
		return
	}
	_, _ = e.runWorkflow(ctx, wm, x.ID, "", nil, "sync:2", from)
}

// inquirerRunner is the runner of core.ask.
const inquirerRunner = "inquirer"
