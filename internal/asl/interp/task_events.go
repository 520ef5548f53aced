package interp

import "time"

// taskEvents records a Task's scheduled/started/succeeded/failed events,
// using the Lambda* event family for bare function ARNs as AWS does.
type taskEvents struct {
	rec       *recorder
	spec      *taskSpec
	params    any
	timeout   time.Duration
	heartbeat time.Duration
	region    string
}

func (sr *stateRun) taskEvents(params any, timeout, heartbeat time.Duration) *taskEvents {
	return &taskEvents{rec: sr.th.rec, spec: sr.n.task, params: params, timeout: timeout,
		heartbeat: heartbeat, region: sr.th.exec.in.region}
}

func (t *taskEvents) lambda() bool { return t.spec.bare && t.spec.service == "lambda" }

func secondsPtr(d time.Duration) *int64 {
	if d <= 0 {
		return nil
	}
	s := int64(d / time.Second)
	return &s
}

func (t *taskEvents) scheduled() {
	if t.lambda() {
		t.rec.add("LambdaFunctionScheduled", &LambdaScheduledDetails{Resource: t.spec.resource,
			Input: Payload{t.params}, TimeoutInSeconds: secondsPtr(t.timeout)})
		return
	}
	t.rec.add("TaskScheduled", &TaskScheduledDetails{Resource: t.spec.resourceName(), ResourceType: t.spec.resourceType(),
		Region: t.region, Parameters: Payload{t.params}, TimeoutInSeconds: secondsPtr(t.timeout),
		HeartbeatSeconds: secondsPtr(t.heartbeat)})
}

func (t *taskEvents) started() {
	if t.lambda() {
		t.rec.add("LambdaFunctionStarted", nil)
		return
	}
	t.rec.add("TaskStarted", &ResourceDetails{Resource: t.spec.resourceName(), ResourceType: t.spec.resourceType()})
}

func (t *taskEvents) submitted(output any) {
	t.rec.add("TaskSubmitted", &OutputDetails{Resource: t.spec.resourceName(), ResourceType: t.spec.resourceType(),
		Output: Payload{output}})
}

func (t *taskEvents) succeeded(output any) {
	if t.lambda() {
		t.rec.add("LambdaFunctionSucceeded", &OutputDetails{Output: Payload{output}})
		return
	}
	t.rec.add("TaskSucceeded", &OutputDetails{Resource: t.spec.resourceName(), ResourceType: t.spec.resourceType(),
		Output: Payload{output}})
}

func (t *taskEvents) failed(f *Failure) {
	timedOut := f.Name == ErrTimeout || f.Name == ErrHeartbeatTimeout
	switch {
	case t.lambda() && timedOut:
		t.rec.add("LambdaFunctionTimedOut", &ErrorDetails{Error: f.Name, Cause: f.Cause})
	case t.lambda():
		t.rec.add("LambdaFunctionFailed", &ErrorDetails{Error: f.Name, Cause: f.Cause})
	case timedOut:
		t.rec.add("TaskTimedOut", &ErrorDetails{Resource: t.spec.resourceName(), ResourceType: t.spec.resourceType(),
			Error: f.Name, Cause: f.Cause})
	default:
		t.rec.add("TaskFailed", &ErrorDetails{Resource: t.spec.resourceName(), ResourceType: t.spec.resourceType(),
			Error: f.Name, Cause: f.Cause})
	}
}
