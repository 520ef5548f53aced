package interp

import "github.com/stormless/stormless/internal/asl"

// contextObject builds $$ (JSONPath) / $states.context (JSONata) for a
// state: Execution, State, StateMachine, and Task and Map when they apply.
func (th *thread) contextObject(n *node, token string, retryCount int) any {
	e := th.exec
	if e.test != nil && e.test.opts.Context != nil {
		return e.test.opts.Context
	}
	c := map[string]any{
		"Execution":    e.executionContext(),
		"State":        th.stateContext(n, retryCount),
		"StateMachine": map[string]any{"Id": e.machine.ARN, "Name": e.machine.Name},
	}
	if token != "" {
		c["Task"] = map[string]any{"Token": token}
	}
	if th.mapItem != nil {
		c["Map"] = map[string]any{"Item": map[string]any{"Index": float64(th.mapItem.index), "Value": th.mapItem.value}}
	}
	return c
}

// executionContext is $$.Execution. TestState's has the request's role (or
// null) and no RedriveCount.
func (e *Execution) executionContext() map[string]any {
	x := map[string]any{"Id": e.ARN, "Input": e.input, "Name": e.Name, "RoleArn": e.in.roleARN,
		"StartTime": timestamp(e.startTime), "RedriveCount": float64(0)}
	if e.test != nil {
		delete(x, "RedriveCount")
		x["RoleArn"] = nil
		if e.test.opts.RoleARN != "" {
			x["RoleArn"] = e.test.opts.RoleARN
		}
	}
	return x
}

// stateContext is $$.State; RetryCount exists only for states that retry.
func (th *thread) stateContext(n *node, retryCount int) map[string]any {
	s := map[string]any{"EnteredTime": timestamp(th.exec.in.clock.Now()), "Name": n.st.Name}
	if th.top && th.exec.test != nil {
		s["Name"] = testStateName // TestState names every state so
	}
	switch n.st.Type {
	case asl.TypeTask, asl.TypeParallel, asl.TypeMap:
		s["RetryCount"] = float64(retryCount)
	}
	return s
}
