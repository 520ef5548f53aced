package local

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
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
		return e.runWorkflow(ctx, wm, name, input, req.Pattern)
	}
	return e.runNested(ctx, wm, input, req.Pattern)
}

// runNested records a nested workflow as a task of its parent and runs it.
// The input holds the workflow's parameters at the top level, where the
// workflow reads them, and "st2" naming the parent execution.
func (e *Engine) runNested(ctx context.Context, wm workflowMachine, input map[string]any, pattern string) (any, error) {
	params := make(map[string]any, len(input))
	for k, v := range input {
		if k != "st2" {
			params[k] = v
		}
	}
	st2, _ := input["st2"].(map[string]any)
	parent, _ := st2["parent"].(map[string]any)
	parentID, _ := parent["execution_id"].(string)
	x, err := e.enforcer.StartTask(ctx, wm.ref, params, parentID)
	if err != nil {
		return nil, &interp.Failure{Name: interp.ErrTaskFailed, Cause: err.Error()}
	}
	out, runErr := e.runWorkflow(ctx, wm, x.ID, input, pattern)
	status, result := execution.StatusSucceeded, any(nil)
	if d, ok := out.(map[string]any); ok {
		result = d["Output"]
	}
	var f *interp.Failure
	if runErr != nil {
		status, result = execution.StatusFailed, map[string]any{"error": runErr.Error()}
		if asFailure(runErr, &f) {
			result = workflowFailure(f)
		}
	}
	if pattern != "" {
		if err := e.enforcer.EndTask(context.WithoutCancel(ctx), x.ID, status, result); err != nil {
			e.report(err)
		}
	}
	return out, runErr
}

// runWorkflow runs a workflow machine named name: to completion for the
// .sync patterns, in the background otherwise.
func (e *Engine) runWorkflow(ctx context.Context, wm workflowMachine, name string, input map[string]any, pattern string) (any, error) {
	if pattern == "" {
		x, err := e.interp.Start(context.WithoutCancel(ctx), wm.machine, input, interp.WithName(name))
		if err != nil {
			return nil, err
		}
		return map[string]any{"ExecutionArn": x.ARN, "StartDate": time.Now().UTC().Format(time.RFC3339Nano)}, nil
	}
	res, x, err := e.interp.Run(ctx, wm.machine, input, interp.WithName(name))
	if err != nil {
		return nil, err
	}
	d := map[string]any{"ExecutionArn": x.ARN, "StateMachineArn": wm.machine.ARN, "Name": x.Name, "Status": string(res.Status), "Input": input}
	if res.Status == interp.StatusSucceeded {
		d["Output"] = res.Output
		return d, nil
	}
	d["Error"], d["Cause"] = res.Error, res.Cause
	cause, _ := json.Marshal(d)
	return nil, &interp.Failure{Name: interp.ErrTaskFailed, Cause: string(cause)}
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
