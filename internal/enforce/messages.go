package enforce

import (
	"encoding/json"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// Steps of the enforcer function, named by the "step" field of its input.
const (
	StepEnforce = "enforce"
	StepFinish  = "finish"
)

// Outcomes of the enforce step, which the machine's Route state reads.
const (
	OutcomeNoMatch  = "nomatch"
	OutcomeAction   = "action"
	OutcomeWorkflow = "workflow"
	OutcomeFailed   = "failed"
	OutcomeDone     = "done"
	OutcomeRetry    = "retry"
)

// enforceInput is the enforce step's input: the machine's input, either a
// rule and the event that matched its pattern, or a direct run of an
// action with its parameters (the API's and CLI's "run").
type enforceInput struct {
	Step  string          `json:"step"`
	Rule  string          `json:"rule,omitempty"`
	Event json.RawMessage `json:"event,omitempty"`
	// Action, Parameters, User and ID describe a direct run; ID is the
	// execution id to use (a new one when empty).
	Action     string         `json:"action,omitempty"`
	Parameters map[string]any `json:"parameters,omitempty"`
	User       string         `json:"user,omitempty"`
	ID         string         `json:"id,omitempty"`
	// RetryCount is the action.retry attempt this run is (0 the first).
	RetryCount int `json:"retry_count,omitempty"`
	// Settle asks that the finish step mark the trigger instance processed
	// (from pending) in the batch that records the outcome: the host sets
	// it when this is the event's only enforcement and the host recorded
	// the trigger instance pending.
	Settle bool `json:"settle,omitempty"`
	// decoded is the event's trigger instance when HandleValue read it.
	decoded *trigger
}

// executionRef names the execution an enforcement started. The enforce
// step also says what the finish step needs of the record as created
// (action name, runner, start time, masked parameters, user, trace tag),
// so that finishing writes the outcome without reading the record back.
type executionRef struct {
	ID     string `json:"id"`
	Action string `json:"action"`
	// Start is set (RFC 3339, nanoseconds) when the rest is.
	Start      string         `json:"start_timestamp,omitempty"`
	Name       string         `json:"action_name,omitempty"`
	Runner     string         `json:"runner,omitempty"`
	Parameters map[string]any `json:"parameters,omitempty"`
	User       string         `json:"user,omitempty"`
	TraceTag   string         `json:"trace_tag,omitempty"`
	TraceID    string         `json:"trace_id,omitempty"`
	// Settle is the trigger instance the finish step marks processed with
	// the outcome, when the host asked for it (see enforceInput.Settle).
	Settle string `json:"settle,omitempty"`
}

// enforceOutput is what the enforce step hands the rest of the machine.
type enforceOutput struct {
	Outcome   string        `json:"outcome"`
	Execution *executionRef `json:"execution,omitempty"`
	// Request is the runner function's payload, for actions.
	Request *RunnerRequest `json:"request,omitempty"`
	// Workflow is the state machine and input, for workflow actions.
	Workflow *workflowStart `json:"workflow,omitempty"`
	Reason   string         `json:"reason,omitempty"`
}

type workflowStart struct {
	ARN   string         `json:"arn"`
	Input map[string]any `json:"input"`
}

// RunnerRequest is the runner function's input, the contract compiled
// workflows share: the action, its parameters and the context. A top-level
// execution names itself in context.execution_id; a workflow task names
// its workflow in context.parent.execution_id.
type RunnerRequest struct {
	Action     string         `json:"action"`
	Parameters map[string]any `json:"parameters"`
	Context    map[string]any `json:"context,omitempty"`
	// TaskToken is set for tasks that wait for a callback (core.ask).
	TaskToken string `json:"task_token,omitempty"`
}

// RunnerResponse is the runner function's output: the execution's final
// status and result.
type RunnerResponse struct {
	Status string `json:"status"`
	Result any    `json:"result"`
	// ExecutionID is the execution that ran, when one was recorded.
	ExecutionID string `json:"execution_id,omitempty"`
}

// finishInput is the finish step's input: the outcome of the run, or the
// error a failed run task caught.
type finishInput struct {
	Step      string          `json:"step"`
	Execution executionRef    `json:"execution"`
	Outcome   *RunnerResponse `json:"outcome,omitempty"`
	Error     *taskError      `json:"error,omitempty"`
	// Retries is how many times action.retry re-ran this enforcement.
	Retries int `json:"retries,omitempty"`
}

type taskError struct {
	Error string `json:"Error"`
	Cause string `json:"Cause"`
}

// value is r in the generic form of its JSON encoding.
func (r executionRef) value() map[string]any {
	m := map[string]any{"id": r.ID, "action": r.Action}
	for k, v := range map[string]string{"start_timestamp": r.Start, "action_name": r.Name, "runner": r.Runner,
		"user": r.User, "trace_tag": r.TraceTag, "trace_id": r.TraceID, "settle": r.Settle} {
		if v != "" {
			m[k] = v
		}
	}
	if len(r.Parameters) > 0 {
		m["parameters"] = generic(r.Parameters)
	}
	return m
}

// read sets r from its generic JSON form; false for a field of another
// type.
func (r *executionRef) read(m map[string]any) bool {
	return exactKeys(m, "id", "action", "start_timestamp", "action_name", "runner", "parameters", "user", "trace_tag", "trace_id", "settle") &&
		optString(m, "settle", &r.Settle) &&
		optString(m, "id", &r.ID) && optString(m, "action", &r.Action) && optString(m, "start_timestamp", &r.Start) &&
		optString(m, "action_name", &r.Name) && optString(m, "runner", &r.Runner) && optObject(m, "parameters", &r.Parameters) &&
		optString(m, "user", &r.User) && optString(m, "trace_tag", &r.TraceTag) && optString(m, "trace_id", &r.TraceID)
}

// record is the execution r describes, as created (top level, no result),
// or false when r names it only.
func (r executionRef) record() (execution.Execution, bool) {
	start, err := time.Parse(time.RFC3339Nano, r.Start)
	if r.Start == "" || err != nil {
		return execution.Execution{}, false
	}
	x := execution.Execution{ID: r.ID, Action: execution.Action{Ref: r.Action, Name: r.Name}, Runner: execution.Runner{Name: r.Runner},
		Parameters: r.Parameters, StartTimestamp: start, Context: execution.Context{User: r.User}}
	if r.TraceTag != "" || r.TraceID != "" {
		x.Context.TraceContext = &execution.TraceContext{TraceTag: r.TraceTag, ID: r.TraceID}
	}
	return x, true
}
