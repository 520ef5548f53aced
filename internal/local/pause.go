package local

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// Pause pauses workflow execution id on behalf of user, as StackStorm
// does: a running workflow moves to pausing; its running tasks finish but
// it starts no new one, and the workflows it runs as tasks pause too; once
// nothing of it runs, it is paused. A workflow already pausing or paused
// (by a pending inquiry) stays so, and an answer to the inquiry no longer
// resumes it: Resume does. Errors wrap execution.ErrNotFound for an unknown
// id and execution.ErrConflict for an execution that is not a workflow
// (only workflows pause) or not running. Safe for concurrent use.
func (e *Engine) Pause(ctx context.Context, id string, user string) (execution.Execution, error) {
	if _, err := e.hold(); err != nil {
		return execution.Execution{}, fmt.Errorf("pausing execution %s: %w", id, err)
	}
	defer e.wg.Done()
	x, err := e.store.GetExecution(ctx, id)
	if err != nil {
		return x, fmt.Errorf("reading execution %s: %w", id, err)
	}
	if !e.isWorkflow(x.Action.Ref) {
		return x, fmt.Errorf("pausing execution %s: runner %s does not support pause, only workflows pause: %w", id, x.Runner.Name, execution.ErrConflict)
	}
	e.runs.wf.ctl.Lock()
	defer e.runs.wf.ctl.Unlock()
	if x, err = e.store.GetExecution(ctx, id); err != nil {
		return x, fmt.Errorf("reading execution %s: %w", id, err)
	}
	switch x.Status {
	case execution.StatusRunning, execution.StatusPausing, execution.StatusPaused:
		// Paused already (by an inquiry): it now stays paused once the
		// inquiry is answered, until Resume.
	default:
		return x, fmt.Errorf("pausing execution %s: it is %s, only a running workflow pauses: %w", id, x.Status, execution.ErrConflict)
	}
	if err := e.pauseTree(ctx, id); err != nil {
		return x, err
	}
	return e.store.GetExecution(ctx, id)
}

// isWorkflow reports whether action ref is a workflow.
func (e *Engine) isWorkflow(ref string) bool {
	a, err := e.current().catalog.Action(ref)
	return err == nil && a.Workflow != nil
}

// pauseTree moves workflow id and the running workflows below it to
// pausing and stops their runs from starting tasks.
func (e *Engine) pauseTree(ctx context.Context, id string) error {
	_, err := e.store.TransitionExecution(ctx, id, execution.Change{From: execution.StatusRunning, To: execution.StatusPausing, At: nowUTC()})
	if err != nil && !errors.Is(err, execution.ErrConflict) {
		return fmt.Errorf("moving execution %s to pausing: %w", id, err)
	}
	g := &e.runs.wf
	g.mu.Lock()
	r := g.m[id]
	var kids []*wfRun
	if r != nil {
		r.userPause = true
		kids = g.children(r)
	}
	g.mu.Unlock()
	if r != nil {
		e.report(r.log.pause(true))
	}
	for _, c := range kids {
		if err := e.pauseTree(ctx, c.id); err != nil {
			return err
		}
	}
	if r != nil {
		e.settle(r)
	}
	return nil
}

// Resume resumes paused (or pausing) workflow execution id on behalf of
// user: it moves through resuming to running, the workflows below it
// resume too, and it goes on from the tasks it had not started. A running
// workflow is returned as it is. Errors wrap execution.ErrNotFound for an
// unknown id and execution.ErrConflict for one that is not a paused
// workflow. Safe for concurrent use.
func (e *Engine) Resume(ctx context.Context, id string, user string) (execution.Execution, error) {
	if _, err := e.hold(); err != nil {
		return execution.Execution{}, fmt.Errorf("resuming execution %s: %w", id, err)
	}
	defer e.wg.Done()
	x, err := e.store.GetExecution(ctx, id)
	if err != nil {
		return x, fmt.Errorf("reading execution %s: %w", id, err)
	}
	if !e.isWorkflow(x.Action.Ref) {
		return x, fmt.Errorf("resuming execution %s: runner %s does not support resume, only workflows pause: %w", id, x.Runner.Name, execution.ErrConflict)
	}
	e.runs.wf.ctl.Lock()
	defer e.runs.wf.ctl.Unlock()
	if x, err = e.store.GetExecution(ctx, id); err != nil {
		return x, fmt.Errorf("reading execution %s: %w", id, err)
	}
	switch x.Status {
	case execution.StatusRunning, execution.StatusResuming:
		if r := e.runs.wf.get(id); r != nil && e.held(r) {
			e.resumeTree(id) // held by a pause its record no longer shows
		}
		return x, nil
	case execution.StatusPausing, execution.StatusPaused:
	default:
		return x, fmt.Errorf("resuming execution %s: it is %s, only a paused workflow resumes: %w", id, x.Status, execution.ErrConflict)
	}
	e.resumeTree(id)
	return e.store.GetExecution(ctx, id)
}

// held reports whether Pause holds run r.
func (e *Engine) held(r *wfRun) bool {
	g := &e.runs.wf
	g.mu.Lock()
	defer g.mu.Unlock()
	return r.userPause
}

// resumeTree ends the pause of workflow id and of the workflows below it.
func (e *Engine) resumeTree(id string) {
	g := &e.runs.wf
	g.mu.Lock()
	r := g.m[id]
	var kids []*wfRun
	if r != nil {
		r.userPause, r.holds = false, 0
		kids = g.children(r)
	}
	g.mu.Unlock()
	if r != nil {
		e.report(r.log.pause(false))
	}
	e.unpause(id, r)
	for _, c := range kids {
		e.resumeTree(c.id)
	}
}

// unpause records workflow id running again and lets its run start tasks,
// unless its run is still held (by Pause, or by another inquiry).
func (e *Engine) unpause(id string, r *wfRun) {
	g := &e.runs.wf
	if r != nil {
		g.mu.Lock()
		held := r.pausing()
		g.mu.Unlock()
		if held {
			return
		}
	}
	e.moveStatus(id, execution.StatusPausing, execution.StatusRunning)
	e.moveStatus(id, execution.StatusPaused, execution.StatusResuming, execution.StatusRunning)
	if r == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if r.pausing() {
		return
	}
	r.paused = false
	close(r.resume)
	r.resume = make(chan struct{})
}

// holdForInquiry pauses workflow run r and the workflows above it while an
// inquiry of r is pending, as StackStorm pauses a workflow waiting for a
// response.
func (e *Engine) holdForInquiry(r *wfRun) {
	g := &e.runs.wf
	for r != nil {
		g.mu.Lock()
		r.holds++
		first := r.holds == 1 && !r.userPause
		parent := g.m[r.parent]
		g.mu.Unlock()
		if first {
			e.moveStatus(r.id, execution.StatusRunning, execution.StatusPausing)
		}
		e.settle(r)
		r = parent
	}
}

// inquiryResolved ends the hold an inquiry put on its workflow and the
// workflows above it, before the workflow task waiting on the inquiry
// goes on; a direct core.ask's run stops waiting.
func (e *Engine) inquiryResolved(_ context.Context, x execution.Execution) {
	if x.Parent == "" {
		e.runs.asks.signal(x.ID)
		return
	}
	g := &e.runs.wf
	for r := g.get(x.Parent); r != nil; {
		g.mu.Lock()
		if r.holds > 0 {
			r.holds--
		}
		parent := g.m[r.parent]
		g.mu.Unlock()
		e.unpause(r.id, r)
		r = parent
	}
}
