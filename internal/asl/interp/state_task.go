package interp

import (
	"context"
	"errors"
	"math"
	"time"
)

func (sr *stateRun) task(ctx context.Context) (stepResult, *Failure) {
	n := sr.n
	if n.task.pattern != "" && sr.env.token == "" {
		// AWS hands a task token to .sync tasks too.
		sr.env.token = sr.taskToken()
	}
	params, f := sr.taskParameters()
	if f != nil {
		return stepResult{}, f
	}
	if f := sr.checkTaskParameters(params); f != nil {
		return stepResult{}, f
	}
	timeout, heartbeat, f := sr.taskTimeouts()
	if f != nil {
		return stepResult{}, f
	}
	result, f := sr.invoke(ctx, params, timeout, heartbeat)
	if f != nil {
		return stepResult{}, f
	}
	sr.note("result", result)
	if n.jsonata {
		return sr.finishJSONata(result, true, result)
	}
	return sr.finishJSONPath(result, true)
}

// taskToken returns a new task token, or the one a TestState context
// object gives.
func (sr *stateRun) taskToken() string {
	if tr := sr.tested(); tr != nil {
		task, _ := tr.opts.Context["Task"].(map[string]any)
		if tok, ok := task["Token"].(string); ok {
			return tok
		}
	}
	return sr.th.exec.in.newUUID()
}

// taskParameters evaluates InputPath+Parameters or Arguments.
func (sr *stateRun) taskParameters() (any, *Failure) {
	n := sr.n
	if n.jsonata {
		if n.args == nil {
			return sr.raw, nil
		}
		v, f := n.args.eval(sr.env)
		if f != nil {
			return nil, asRuntime(f)
		}
		sr.note("afterArguments", v)
		return v, nil
	}
	eff, f := sr.effectiveInput()
	if f != nil {
		return nil, f
	}
	sr.note("afterInputPath", eff)
	params, f := sr.parameters(n.params, eff)
	sr.note("afterParameters", params)
	return params, f
}

// taskTimeouts evaluates TimeoutSeconds and HeartbeatSeconds (0: none).
func (sr *stateRun) taskTimeouts() (timeout, heartbeat time.Duration, f *Failure) {
	if timeout, f = sr.seconds(sr.n.timeout); f != nil {
		return 0, 0, f
	}
	heartbeat, f = sr.seconds(sr.n.heartbeat)
	return timeout, heartbeat, f
}

func (sr *stateRun) seconds(fe fieldExpr) (time.Duration, *Failure) {
	v, ok, f := sr.evalField(fe, sr.raw)
	if f != nil || !ok {
		return 0, f
	}
	x, isNum := v.(float64)
	if !isNum || x <= 0 || x != math.Trunc(x) {
		return 0, runtimeFail(ErrRuntime, "The timeout value must be a positive integer, got %s", stringOf(v))
	}
	return time.Duration(x) * time.Second, nil
}

// invoke runs the task through a mock, a registered handler or a built-in
// integration, recording the task events.
func (sr *stateRun) invoke(ctx context.Context, params any, timeout, heartbeat time.Duration) (any, *Failure) {
	ev := sr.taskEvents(params, timeout, heartbeat)
	ev.scheduled()
	ev.started()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = sr.th.exec.in.clock.WithTimeout(ctx, timeout)
		defer cancel()
	}
	result, err := sr.call(ctx, params, heartbeat, ev)
	if err == nil && exceedsLimit(result) {
		err = dataLimit(sr.n.task.resourceType())
	}
	if err != nil {
		f := sr.taskFailure(ctx, err)
		ev.failed(f)
		return nil, f
	}
	ev.succeeded(result)
	return result, nil
}

// taskFailure names a handler error, recognising timeouts.
func (sr *stateRun) taskFailure(ctx context.Context, err error) *Failure {
	if errors.Is(context.Cause(ctx), context.DeadlineExceeded) && sr.th.exec.ctx.Err() == nil {
		var f *Failure
		if errors.As(err, &f) && f.Name == ErrHeartbeatTimeout {
			return f
		}
		return &Failure{Name: ErrTimeout}
	}
	return asFailure(err, ErrTaskFailed)
}

// call dispatches to the mock, the registry or a built-in integration.
func (sr *stateRun) call(ctx context.Context, params any, heartbeat time.Duration, ev *taskEvents) (any, error) {
	in := sr.th.exec.in
	req := &TaskRequest{Resource: sr.n.task.resource, Service: sr.n.task.service, Action: sr.n.task.action,
		Pattern: sr.n.task.pattern, Parameters: params, TaskToken: sr.env.token, StateName: sr.n.st.Name,
		ExecutionARN: sr.th.exec.ARN, Depth: sr.th.depth, submitted: ev.submitted}
	if resp, ok, err := in.mockResponse(sr.th.exec, sr.n.st.Name); ok {
		return resp, err
	}
	if m := sr.testMock(); m != nil {
		return m.value()
	}
	if req.Pattern == "waitForTaskToken" {
		return sr.callback(ctx, req, heartbeat, ev)
	}
	return in.dispatch(ctx, req)
}

// dispatch calls a registered handler or a built-in integration.
func (in *Interpreter) dispatch(ctx context.Context, req *TaskRequest) (any, error) {
	spec, _ := parseResource(req.Resource)
	if h, ok := in.registry.handler(spec); ok {
		return invokeGuarded(ctx, h, req)
	}
	if b, ok := in.builtin(spec); ok {
		return b(ctx, req)
	}
	return nil, fail(ErrTaskFailed, "no handler is registered for resource %s", req.Resource)
}

// invokeGuarded calls a handler, turning a panic in it into a task failure
// so one faulty handler cannot take the process down.
func invokeGuarded(ctx context.Context, h Handler, req *TaskRequest) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fail(ErrTaskFailed, "the handler of %s panicked: %v", req.Resource, r)
		}
	}()
	return h.Invoke(ctx, req)
}
