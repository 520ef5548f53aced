package local

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
)

// startExecutionResource is the Step Functions integration workflows use
// to start a workflow's state machine; the engine serves it so that every
// workflow run is recorded.
const startExecutionResource = "arn:aws:states:::states:startExecution"

// workflowMachine is a loaded workflow action's state machine.
type workflowMachine struct {
	ref     string
	machine *interp.Machine
}

// startWorkflow serves startExecution tasks as Step Functions does
// (.sync:2 waits and returns DescribeExecution), and records the run: the
// enforcement machine names the execution after the execution it already
// recorded; a workflow starting a nested workflow gets a child execution
// of its own execution, which names the nested machine's execution.
func (e *Engine) startWorkflow(ctx context.Context, req *interp.TaskRequest) (any, error) {
	p, _ := req.Parameters.(map[string]any)
	arn, _ := p["StateMachineArn"].(string)
	wm, ok := e.current().workflows[arn]
	if !ok {
		return nil, &interp.Failure{Name: "StepFunctions.StateMachineDoesNotExistException", Cause: "State Machine Does Not Exist: '" + arn + "'"}
	}
	input, err := executionInput(p["Input"])
	if err != nil {
		return nil, err
	}
	name, _ := p["Name"].(string)
	if _, err := e.store.GetExecution(ctx, name); name != "" && err == nil {
		ctx, done := e.runs.track(ctx, name)
		defer done()
		return e.runWorkflow(ctx, wm, name, "", input, req.Pattern, nil)
	}
	return e.runNested(ctx, wm, input, req.StateName, req.Pattern)
}

// runNested records a nested workflow as a task of its parent and runs it.
// The input holds the workflow's parameters at the top level, where the
// workflow reads them, and "st2" naming the parent execution. A parent
// running here gates, logs and replays it like its other tasks.
func (e *Engine) runNested(ctx context.Context, wm workflowMachine, input map[string]any, state, pattern string) (any, error) {
	params := make(map[string]any, len(input))
	for k, v := range input {
		if k != "st2" {
			params[k] = v
		}
	}
	st2, _ := input["st2"].(map[string]any)
	parent, _ := st2["parent"].(map[string]any)
	parentARN, _ := parent["execution_id"].(string)
	parentID := executionIDFromARN(parentARN)
	r := e.runs.wf.get(parentID)
	if r == nil || pattern == "" {
		return e.nestedTask(ctx, wm, params, parentARN, input, pattern, func(string) {})
	}
	if err := e.enterTask(ctx, r, false); err != nil {
		return nil, err
	}
	e.checkpoint(r)
	call := taskCall{task: state, action: wm.ref, hash: paramsHash(params)}
	if t := r.replay.take(call); t != nil && t.id != "" {
		return e.replayNested(ctx, r, wm, t.id, input, call, pattern)
	}
	n, err := r.log.start(call)
	e.report(err)
	return e.nestedTask(ctx, wm, params, parentARN, input, pattern, func(id string) {
		e.report(r.log.end(n, id, string(execution.StatusRunning)))
	})
}

// nestedTask records the child execution and runs the nested workflow;
// started is told the child's id before it runs.
func (e *Engine) nestedTask(ctx context.Context, wm workflowMachine, params map[string]any, parent string, input map[string]any, pattern string, started func(id string)) (any, error) {
	x, err := e.enforcer.StartTask(ctx, wm.ref, params, parent)
	if err != nil {
		return nil, &interp.Failure{Name: interp.ErrTaskFailed, Cause: err.Error()}
	}
	started(x.ID)
	return e.finishNested(ctx, wm, x.ID, executionIDFromARN(parent), input, pattern, nil)
}

// finishNested runs nested workflow id (from its checkpoint when from is
// set); runWorkflow records its outcome.
func (e *Engine) finishNested(ctx context.Context, wm workflowMachine, id, parent string, input map[string]any, pattern string, from *resumePoint) (any, error) {
	return e.runWorkflow(ctx, wm, id, parent, input, pattern, from)
}

// workflowOutcome is the final status and result of a workflow run.
func workflowOutcome(out any, runErr error) (execution.Status, any) {
	if runErr != nil {
		var f *interp.Failure
		if asFailure(runErr, &f) {
			return execution.StatusFailed, workflowFailure(f)
		}
		return execution.StatusFailed, map[string]any{"error": runErr.Error()}
	}
	d, _ := out.(map[string]any)
	return execution.StatusSucceeded, d["Output"]
}

// replayNested answers a nested workflow task of a resumed workflow: a
// child that ended gives its outcome again; one still in flight resumes
// from its own checkpoint (or starts again when it had none: none of its
// tasks had started).
func (e *Engine) replayNested(ctx context.Context, r *wfRun, wm workflowMachine, id string, input map[string]any, call taskCall, pattern string) (any, error) {
	y, err := e.store.GetExecution(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("replaying task %s: %w", call.task, err)
	}
	n, err := r.log.start(call)
	e.report(err)
	e.report(r.log.end(n, y.ID, string(y.Status)))
	if y.Status.Final() {
		return nestedResult(wm, y)
	}
	from, err := e.resumePoint(ctx, y.ID)
	if err != nil {
		return nil, err
	}
	return e.finishNested(ctx, wm, y.ID, r.id, input, pattern, from)
}

// nestedResult is what a nested workflow's task returns, rebuilt from the
// child's record.
func nestedResult(wm workflowMachine, y execution.Execution) (any, error) {
	var result any
	_ = json.Unmarshal(y.Result, &result)
	arn := fmt.Sprintf("arn:aws:states:%s:%s:execution:%s:%s", bus.LocalRegion, bus.LocalAccount, wm.machine.Name, y.ID)
	d := map[string]any{"ExecutionArn": arn, "StateMachineArn": wm.machine.ARN, "Name": y.ID}
	if y.Status == execution.StatusSucceeded {
		d["Status"], d["Output"] = string(interp.StatusSucceeded), result
		return d, nil
	}
	d["Status"], d["Error"], d["Cause"] = string(interp.StatusFailed), interp.ErrTaskFailed, string(y.Result)
	cause, _ := json.Marshal(d)
	return nil, &interp.Failure{Name: interp.ErrTaskFailed, Cause: string(cause)}
}

// runWorkflow runs a workflow machine named name: to completion for the
// .sync patterns, in the background otherwise. A run to completion is
// registered for Pause and Resume, logs its tasks and records its outcome
// in execution name (the enforcement's Finish step then finds it final);
// from resumes it from a checkpoint instead of its start.
func (e *Engine) runWorkflow(ctx context.Context, wm workflowMachine, name, parent string, input map[string]any, pattern string, from *resumePoint) (any, error) {
	if pattern == "" {
		x, err := e.interp.Start(context.WithoutCancel(ctx), wm.machine, input, interp.WithName(name))
		if err != nil {
			return nil, err
		}
		return map[string]any{"ExecutionArn": x.ARN, "StartDate": time.Now().UTC().Format(time.RFC3339Nano)}, nil
	}
	x, r, err := e.startRun(ctx, wm, name, parent, input, from)
	if err != nil {
		return nil, err
	}
	res, _ := x.Wait(context.WithoutCancel(ctx))
	out, runErr := describeRun(wm, x, res, input)
	e.endRun(ctx, r, out, runErr)
	return out, runErr
}

// describeRun is what a .sync startExecution returns for a finished run:
// DescribeExecution's shape, or the failure it raises.
func describeRun(wm workflowMachine, x *interp.Execution, res *interp.Result, input map[string]any) (any, error) {
	d := map[string]any{"ExecutionArn": x.ARN, "StateMachineArn": wm.machine.ARN, "Name": x.Name, "Status": string(res.Status), "Input": input}
	if res.Status == interp.StatusSucceeded {
		d["Output"] = res.Output
		return d, nil
	}
	d["Error"], d["Cause"] = res.Error, res.Cause
	cause, _ := json.Marshal(d)
	return nil, &interp.Failure{Name: interp.ErrTaskFailed, Cause: string(cause)}
}

// startRun registers a workflow run and starts (or resumes) its machine.
func (e *Engine) startRun(ctx context.Context, wm workflowMachine, name, parent string, input map[string]any, from *resumePoint) (*interp.Execution, *wfRun, error) {
	log, err := e.openTaskLog(name)
	e.report(err)
	r := &wfRun{id: name, parent: parent, wm: wm, log: log}
	if from != nil {
		r.replay, r.userPause = from.replay, from.paused
	}
	e.runs.wf.ctl.Lock()
	if e.runs.wf.add(r) {
		e.moveStatus(name, execution.StatusRunning, execution.StatusPausing)
	} else if from == nil {
		e.pausedBeforeStart(ctx, r)
	}
	e.runs.wf.ctl.Unlock()
	var x *interp.Execution
	if from != nil && from.cp != nil {
		x, err = e.interp.Resume(ctx, wm.machine, from.cp)
	} else {
		x, err = e.interp.Start(ctx, wm.machine, input, interp.WithName(name))
	}
	if err != nil {
		e.runs.wf.remove(r)
		log.close()
		return nil, nil, err
	}
	r.x = x
	close(r.ready)
	e.settle(r)
	return x, r, nil
}

// pausedBeforeStart holds run r when Pause moved its workflow to pausing
// before the run was registered.
func (e *Engine) pausedBeforeStart(ctx context.Context, r *wfRun) {
	x, err := e.store.GetExecution(ctx, r.id)
	if err != nil || x.Status != execution.StatusPausing && x.Status != execution.StatusPaused {
		return
	}
	g := &e.runs.wf
	g.mu.Lock()
	r.userPause = true
	g.mu.Unlock()
	e.report(r.log.pause(true))
}

// endRun unregisters a finished run and records its outcome, unless the
// engine is stopping it (it resumes on the next start) or Cancel did. A
// workflow that ended while pausing or paused (no task was left to start)
// ends like a running one. Pause and Resume wait meanwhile, so that they
// see it running or final, never a status its outcome cannot follow.
func (e *Engine) endRun(ctx context.Context, r *wfRun, out any, runErr error) {
	g := &e.runs.wf
	g.ctl.Lock()
	defer g.ctl.Unlock()
	g.remove(r)
	r.log.close()
	g.mu.Lock()
	parked := r.parked
	g.mu.Unlock()
	if parked || ctx.Err() != nil {
		return
	}
	e.moveStatus(r.id, execution.StatusPausing, execution.StatusRunning)
	e.moveStatus(r.id, execution.StatusPaused, execution.StatusResuming, execution.StatusRunning)
	status, result := workflowOutcome(out, runErr)
	if err := e.enforcer.EndTask(context.WithoutCancel(ctx), r.id, status, result); err != nil {
		e.report(err)
	}
}

// executionInput accepts an Input given as an object or as a JSON string.
func executionInput(v any) (map[string]any, error) {
	switch x := v.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return x, nil
	case string:
		var m map[string]any
		if err := json.Unmarshal([]byte(x), &m); err == nil {
			return m, nil
		}
	}
	return nil, &interp.Failure{Name: "StepFunctions.InvalidExecutionInputException", Cause: fmt.Sprintf("Invalid State Machine Execution Input: '%v'", v)}
}
