package enforce

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/param"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/workflow"
)

// Run is the runner function's logic. A request naming its execution
// (context.execution_id: a top-level execution the enforce step scheduled)
// moves it to running and runs it; the finish step records the outcome.
// Any other request is a workflow task: it gets a child execution of the
// workflow named by context.parent.execution_id, recorded from requested
// to its final status here. Problems with the action (unknown, bad
// parameters, a failing command) come back as a failed RunnerResponse;
// errors are store failures only.
func (e *Enforcer) Run(ctx context.Context, req RunnerRequest) (RunnerResponse, error) {
	if req.Action == workflow.ActionKVLookup {
		out, err := e.kvLookups(ctx, req.Parameters, req.Context)
		if err != nil {
			return RunnerResponse{Status: string(runner.StatusFailed), Result: runner.Failed(err).Result}, nil
		}
		return RunnerResponse{Status: string(runner.StatusSucceeded), Result: out}, nil
	}
	if id, _ := req.Context["execution_id"].(string); id != "" {
		return e.runScheduled(ctx, id, req)
	}
	if req.TaskToken != "" {
		return e.ask(ctx, req)
	}
	return e.runTask(ctx, req)
}

// runScheduled runs a top-level execution the enforce step scheduled.
func (e *Enforcer) runScheduled(ctx context.Context, id string, req RunnerRequest) (RunnerResponse, error) {
	a, err := e.catalog.Action(req.Action)
	if err != nil {
		return failedResponse(id, err), nil
	}
	if c := concurrencyOf(a); c != nil {
		key := c.key(a.Pack.Ref, req.Parameters)
		if !e.slots.acquire(key, c.Threshold) {
			return e.notAdmitted(ctx, id, c)
		}
		defer e.slots.release(key)
		if err := e.undelay(ctx, id); err != nil {
			return RunnerResponse{}, err
		}
	}
	if err := e.move(ctx, id, execution.StatusScheduled, execution.StatusRunning); err != nil {
		return RunnerResponse{}, err
	}
	res := e.runAction(ctx, id, a, req.Parameters, req.Context)
	return RunnerResponse{Status: string(res.Status), Result: res.Result, ExecutionID: id}, nil
}

func failedResponse(id string, err error) RunnerResponse {
	return RunnerResponse{Status: string(runner.StatusFailed), Result: runner.Failed(err).Result, ExecutionID: id}
}

// contextUser returns the user an execution's context names, "" when it
// names none.
func contextUser(actx map[string]any) string {
	user, _ := actx["user"].(string)
	return user
}

// runAction runs an action with its output streamed to the store.
func (e *Enforcer) runAction(ctx context.Context, id string, a *Action, params, actx map[string]any) runner.Result {
	req := runner.Request{ExecutionID: id, Action: a.Runner, Parameters: params, Config: a.Config,
		Context: actx, User: contextUser(actx), APIURL: e.apiURL, Output: e.outputSink(ctx, id), Datastore: e.datastore}
	res, _ := e.runners.Run(ctx, req)
	if res.Status == "" {
		res.Status = runner.StatusFailed
	}
	return res
}

// outputSink appends each output line to the execution's output.
func (e *Enforcer) outputSink(ctx context.Context, id string) runner.Output {
	return func(l runner.Line) {
		line := execution.OutputLine{Timestamp: e.timestamp(), OutputType: execution.Stream(l.Stream), Host: l.Host, Data: l.Text}
		if err := e.store.AppendOutput(context.WithoutCancel(ctx), id, []execution.OutputLine{line}); err != nil && e.onError != nil {
			e.onError(fmt.Errorf("recording output of %s: %w", id, err))
		}
	}
}

// runTask runs a workflow task as a child execution of its workflow.
func (e *Enforcer) runTask(ctx context.Context, req RunnerRequest) (RunnerResponse, error) {
	x, a, params, planErr := e.newTask(ctx, req)
	if err := e.store.CreateExecution(ctx, x); err != nil {
		return RunnerResponse{}, fmt.Errorf("recording task execution of %s: %w", req.Action, err)
	}
	e.traceTask(ctx, x)
	if planErr != nil {
		if _, err := e.complete(ctx, x.ID, execution.StatusRequested, execution.StatusFailed, runner.Failed(planErr).Result); err != nil {
			return RunnerResponse{}, err
		}
		return failedResponse(x.ID, planErr), nil
	}
	for _, to := range []execution.Status{execution.StatusScheduled, execution.StatusRunning} {
		if err := e.move(ctx, x.ID, x.Status, to); err != nil {
			return RunnerResponse{}, err
		}
		x.Status = to
	}
	res := e.runAction(ctx, x.ID, a, params, taskContext(req, x))
	// A canceled workflow cancels ctx; the task's outcome is still recorded.
	if _, err := e.complete(context.WithoutCancel(ctx), x.ID, execution.StatusRunning, execution.Status(res.Status), res.Result); err != nil {
		return RunnerResponse{}, err
	}
	return RunnerResponse{Status: string(res.Status), Result: res.Result, ExecutionID: x.ID}, nil
}

// TaskExecutionID is the context key of a workflow task request that
// chooses the id of the task's execution (a host that logs the id before
// the task runs); a new id is made when it is absent.
const TaskExecutionID = "task_execution_id"

// newTask builds a task's execution record and resolves its parameters;
// planErr says why it cannot run.
func (e *Enforcer) newTask(ctx context.Context, req RunnerRequest) (execution.Execution, *Action, map[string]any, error) {
	id, _ := req.Context[TaskExecutionID].(string)
	if id == "" {
		id = execution.NewID()
	}
	x := execution.Execution{ID: id, Action: execution.Action{Ref: req.Action},
		Status: execution.StatusRequested, StartTimestamp: e.timestamp()}
	x.Parent, x.Context = e.parentOf(ctx, req)
	a, err := e.catalog.Action(req.Action)
	if err != nil {
		return x, nil, nil, err
	}
	x.Action, x.Runner = actionRef(a), execution.Runner{Name: a.Pack.RunnerType}
	params, err := a.Params.Resolve(ctx, req.Parameters, param.Context{Config: a.Config, Action: req.Context, User: contextUser(req.Context), Datastore: e.datastore})
	if err != nil {
		x.Parameters = a.Params.Mask(req.Parameters)
		return x, a, nil, err
	}
	x.Parameters = a.Params.Mask(params)
	return x, a, params, nil
}

// parentOf finds the workflow execution a task belongs to and inherits its
// context. A parent that is not recorded (a nested workflow's own machine)
// leaves the task without a parent link.
func (e *Enforcer) parentOf(ctx context.Context, req RunnerRequest) (string, execution.Context) {
	parent, _ := req.Context["parent"].(map[string]any)
	pid, _ := parent["execution_id"].(string)
	pid = executionIDFromARN(pid)
	px, err := e.store.GetExecution(ctx, pid)
	if pid == "" || errors.Is(err, execution.ErrNotFound) || err != nil {
		return "", execution.Context{User: runner.DefaultUser}
	}
	c := px.Context
	root := pid
	if px.Context.Parent != nil && px.Context.Parent.RootID != "" {
		root = px.Context.Parent.RootID
	}
	c.Parent = &execution.ParentRef{ExecutionID: pid, User: c.User, RootID: root}
	c.Extra = withTaskName(c.Extra, px.Runner.Name, req.Context)
	return pid, c
}

// taskContext is the context a task's runner sees.
func taskContext(req RunnerRequest, x execution.Execution) map[string]any {
	out := map[string]any{}
	for k, v := range req.Context {
		out[k] = v
	}
	out["user"] = x.Context.User
	if out["user"] == "" {
		out["user"] = runner.DefaultUser
	}
	if x.Parent != "" {
		out["parent"] = map[string]any{"execution_id": x.Parent}
	}
	return out
}

// traceTask adds a workflow task's execution to its workflow's trace,
// caused by the workflow execution. A failure is reported, not returned.
func (e *Enforcer) traceTask(ctx context.Context, x execution.Execution) {
	tc := x.Context.TraceContext
	if x.Parent == "" || tc == nil || tc.ID == "" {
		return
	}
	c := execution.TraceComponents{ActionExecutions: []execution.TraceComponent{{ObjectID: x.ID, Ref: x.Action.Ref,
		UpdatedAt: x.StartTimestamp, CausedBy: &execution.Cause{Type: "action_execution", ID: x.Parent}}}}
	if _, err := e.store.AddTraceComponents(ctx, tc.ID, c); err != nil && e.onError != nil {
		e.onError(fmt.Errorf("tracing task execution %s: %w", x.ID, err))
	}
}
