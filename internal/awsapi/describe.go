package awsapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// Step Functions execution statuses.
const (
	sfnRunning   = "RUNNING"
	sfnSucceeded = "SUCCEEDED"
	sfnFailed    = "FAILED"
	sfnTimedOut  = "TIMED_OUT"
	sfnAborted   = "ABORTED"
)

// Status returns the Step Functions status of an execution in status s:
// RUNNING until it is final (canceling counts as ABORTED, as Step
// Functions reports a stopped execution at once), then SUCCEEDED, FAILED
// (failed, abandoned), TIMED_OUT or ABORTED (canceled).
func Status(s execution.Status) string {
	switch s {
	case execution.StatusSucceeded:
		return sfnSucceeded
	case execution.StatusFailed, execution.StatusAbandoned:
		return sfnFailed
	case execution.StatusTimeout:
		return sfnTimedOut
	case execution.StatusCanceled, execution.StatusCanceling:
		return sfnAborted
	}
	return sfnRunning
}

type executionARNInput struct {
	ExecutionARN string `json:"executionArn"`
}

type dataDetails struct {
	Included bool `json:"included"`
}

type describeExecutionOutput struct {
	ExecutionARN    string       `json:"executionArn"`
	StateMachineARN string       `json:"stateMachineArn"`
	Name            string       `json:"name"`
	Status          string       `json:"status"`
	StartDate       float64      `json:"startDate"`
	StopDate        *float64     `json:"stopDate,omitempty"`
	Input           string       `json:"input"`
	InputDetails    dataDetails  `json:"inputDetails"`
	Output          *string      `json:"output,omitempty"`
	OutputDetails   *dataDetails `json:"outputDetails,omitempty"`
	Error           *string      `json:"error,omitempty"`
	Cause           *string      `json:"cause,omitempty"`
	RedriveCount    int          `json:"redriveCount"`
	RedriveStatus   string       `json:"redriveStatus"`
}

// describeExecution serves AWSStepFunctions.DescribeExecution from the
// execution record.
func (h *Handler) describeExecution(ctx context.Context, _ call, body []byte) (any, *Error) {
	var in executionARNInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	arn, x, err := h.lookup(ctx, "executionArn", in.ExecutionARN)
	if err != nil {
		return nil, err
	}
	out := describeExecutionOutput{ExecutionARN: in.ExecutionARN, StateMachineARN: arn.machineARN().String(),
		Name: arn.name, Status: Status(x.Status), StartDate: epoch(x.StartTimestamp),
		Input: jsonString(x.Parameters), InputDetails: dataDetails{Included: true}, RedriveStatus: "NOT_REDRIVABLE"}
	if out.Status == sfnRunning {
		return out, nil
	}
	stop := epoch(stopTime(x))
	out.StopDate = &stop
	switch out.Status {
	case sfnSucceeded:
		s := string(orNull(x.Result))
		out.Output, out.OutputDetails = &s, &dataDetails{Included: true}
	case sfnAborted:
		if v, ok := h.stops.Load(x.ID); ok {
			st := v.(stopReason)
			out.Error, out.Cause = optional(st.err), optional(st.cause)
		}
	default:
		e, c := failure(x)
		out.Error, out.Cause = &e, &c
	}
	return out, nil
}

// stopTime is when a final (or canceling) execution stopped.
func stopTime(x execution.Execution) time.Time {
	if !x.EndTimestamp.IsZero() {
		return x.EndTimestamp
	}
	if n := len(x.Log); n > 0 {
		return x.Log[n-1].Timestamp
	}
	return x.StartTimestamp
}

// failure returns the error name and cause of a failed execution from its
// result: {"error", "cause"} as recorded by the engine, or StackStorm's
// {"errors": [...]} of a workflow, whose first error's type names it.
func failure(x execution.Execution) (string, string) {
	name := map[execution.Status]string{execution.StatusTimeout: "States.Timeout", execution.StatusAbandoned: "Stormless.Abandoned"}[x.Status]
	if name == "" {
		name = "States.TaskFailed"
	}
	var r struct {
		Error  string           `json:"error"`
		Cause  json.RawMessage  `json:"cause"`
		Errors []map[string]any `json:"errors"`
	}
	if json.Unmarshal(x.Result, &r) != nil {
		return name, string(x.Result)
	}
	if r.Error != "" {
		return r.Error, text(r.Cause)
	}
	if len(r.Errors) > 0 {
		if t, ok := r.Errors[0]["type"].(string); ok && t != "" {
			name = t
		}
	}
	return name, string(x.Result)
}

// text is a JSON string's value, or other JSON as it is.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// jsonString encodes v as the JSON text Step Functions carries in strings.
func jsonString(v any) string {
	if v == nil {
		return "{}"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// orNull is raw, or null when empty.
func orNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	return raw
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type stopExecutionInput struct {
	ExecutionARN string `json:"executionArn"`
	Error        string `json:"error"`
	Cause        string `json:"cause"`
}

type stopExecutionOutput struct {
	StopDate float64 `json:"stopDate"`
}

// stopReason is the error and cause a stop was given.
type stopReason struct{ err, cause string }

// stopExecution serves AWSStepFunctions.StopExecution: it cancels the
// execution. Stopping an execution that already ended answers its stop
// date and changes nothing.
func (h *Handler) stopExecution(ctx context.Context, c call, body []byte) (any, *Error) {
	var in stopExecutionInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if len(in.Error) > 256 || len(in.Cause) > 32768 {
		return nil, clientError(codeValidation, "1 validation error detected: error is at most 256 characters, cause at most 32768")
	}
	_, x, aerr := h.lookup(ctx, "executionArn", in.ExecutionARN)
	if aerr != nil {
		return nil, aerr
	}
	if x.Status.Final() {
		return stopExecutionOutput{StopDate: epoch(stopTime(x))}, nil
	}
	h.stops.Store(x.ID, stopReason{err: in.Error, cause: in.Cause})
	stopped, err := h.engine.Cancel(ctx, x.ID, c.user)
	switch {
	case errors.Is(err, execution.ErrConflict):
		h.stops.Delete(x.ID)
		if x, err = h.store.GetExecution(ctx, x.ID); err != nil {
			return nil, internalError(err)
		}
		return stopExecutionOutput{StopDate: epoch(stopTime(x))}, nil
	case err != nil:
		h.stops.Delete(x.ID)
		return nil, internalError(fmt.Errorf("stopping execution %s: %w", x.ID, err))
	}
	return stopExecutionOutput{StopDate: epoch(stopTime(stopped))}, nil
}
