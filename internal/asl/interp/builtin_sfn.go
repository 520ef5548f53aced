package interp

import (
	"context"
	"encoding/json"
	"time"
)

// startExecutionTask serves arn:aws:states:::states:startExecution with
// its .sync and .sync:2 patterns, running a loaded machine in process.
func (in *Interpreter) startExecutionTask(ctx context.Context, req *TaskRequest) (any, error) {
	p, _ := req.Parameters.(map[string]any)
	arn, _ := p["StateMachineArn"].(string)
	m, ok := in.machine(arn)
	if !ok {
		return nil, fail("StepFunctions.StateMachineDoesNotExistException", "State Machine Does Not Exist: '%s'", arn)
	}
	if req.Depth+1 >= in.maxDepth {
		return nil, fail(ErrRuntime, causeNestingDepthLimit, in.maxDepth)
	}
	input, f := executionInput(p["Input"])
	if f != nil {
		return nil, f
	}
	var opts []StartOption
	if name, ok := p["Name"].(string); ok && name != "" {
		opts = append(opts, WithName(name))
	}
	opts = append(opts, withDepth(req.Depth+1))
	if req.Pattern == "" {
		e, err := in.Start(context.WithoutCancel(ctx), m, input, opts...)
		if err != nil {
			return nil, err
		}
		return map[string]any{"ExecutionArn": e.ARN, "StartDate": timestamp(e.startTime)}, nil
	}
	return in.runSync(ctx, m, input, req.Pattern, opts, req.submitted)
}

// executionInput accepts an Input given as an object or as a JSON string.
func executionInput(v any) (any, *Failure) {
	s, ok := v.(string)
	if !ok {
		if v == nil {
			return map[string]any{}, nil
		}
		return v, nil
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fail("StepFunctions.InvalidExecutionInputException", "Invalid State Machine Execution Input: '%s'", s)
	}
	return out, nil
}

func (in *Interpreter) runSync(ctx context.Context, m *Machine, input any, pattern string, opts []StartOption, submitted func(any)) (any, error) {
	e, err := in.Start(ctx, m, input, opts...)
	if err != nil {
		return nil, err
	}
	if submitted != nil {
		submitted(map[string]any{"ExecutionArn": e.ARN, "StartDate": timestamp(e.startTime)})
	}
	res, err := e.Wait(ctx)
	if err != nil {
		e.Stop("States.Aborted", "the parent task ended")
		<-e.Done()
		return nil, err
	}
	desc := describeExecution(e, res, pattern == "sync:2")
	if res.Status != StatusSucceeded {
		return nil, &Failure{Name: ErrTaskFailed, Cause: string(mustJSON(desc))}
	}
	return desc, nil
}

// describeExecution is the DescribeExecution response a .sync task returns;
// .sync:2 gives Input and Output as JSON values, .sync as strings.
func describeExecution(e *Execution, res *Result, asJSON bool) map[string]any {
	d := map[string]any{
		"ExecutionArn": e.ARN, "StateMachineArn": e.machine.ARN, "Name": e.Name,
		"Status": string(res.Status), "StartDate": timestamp(e.startTime), "StopDate": timestamp(e.in.clock.Now()),
	}
	d["Input"], d["InputDetails"] = jsonField(e.input, asJSON), map[string]any{"Included": true}
	if res.Status == StatusSucceeded {
		d["Output"], d["OutputDetails"] = jsonField(res.Output, asJSON), map[string]any{"Included": true}
	} else {
		d["Error"], d["Cause"] = res.Error, res.Cause
	}
	return d
}

func jsonField(v any, asJSON bool) any {
	if asJSON {
		return v
	}
	return string(mustJSON(v))
}

// timestamp formats a time as the context object and responses do.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
