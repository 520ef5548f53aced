package interp

import (
	"encoding/json"
	"time"
)

// Event is one GetExecutionHistory event. Its JSON form is AWS's: id,
// previousEventId, timestamp, type and one "<kind>EventDetails" object whose
// inputs and outputs are JSON strings.
type Event struct {
	ID              int64
	PreviousEventID int64
	Timestamp       time.Time
	Type            string
	// Details is the event's details object, or nil for event types that
	// carry none (for example MapStateSucceeded). Its JSON field name is
	// DetailsKey.
	Details    any
	DetailsKey string

	// Compact form of state entered/exited events, expanded into Details
	// when the history is read, so recording a state allocates nothing.
	stateName string
	payload   any
	assigned  map[string]any
	compact   uint8 // 0: Details set; compactEntered; compactExited
}

const (
	compactEntered uint8 = iota + 1
	compactExited
)

// expand fills Details from the compact form.
func (e Event) expand() Event {
	switch e.compact {
	case compactEntered:
		e.Details = &StateEnteredDetails{Name: e.stateName, Input: Payload{e.payload}}
		e.DetailsKey = "stateEnteredEventDetails"
	case compactExited:
		d := &StateExitedDetails{Name: e.stateName, Output: Payload{e.payload}}
		if len(e.assigned) > 0 {
			d.AssignedVariables = make(map[string]Payload, len(e.assigned))
			for k, v := range e.assigned {
				d.AssignedVariables[k] = Payload{v}
			}
			d.AssignedVariablesDetail = &PayloadDetails{}
		}
		e.Details, e.DetailsKey = d, "stateExitedEventDetails"
	}
	e.compact, e.payload, e.assigned, e.stateName = 0, nil, nil, ""
	return e
}

// MarshalJSON writes the event as GetExecutionHistory does.
func (e Event) MarshalJSON() ([]byte, error) {
	e = e.expand()
	m := map[string]any{
		"id":              e.ID,
		"previousEventId": e.PreviousEventID,
		"timestamp":       e.Timestamp.UTC().Format(time.RFC3339Nano),
		"type":            e.Type,
	}
	if e.DetailsKey != "" {
		if e.Details == nil {
			m[e.DetailsKey] = struct{}{}
		} else {
			m[e.DetailsKey] = e.Details
		}
	}
	return json.Marshal(m)
}

// Payload is an input or output carried by an event. It holds the value and
// encodes it as a JSON string, as the history API does, only when the
// history is marshalled.
type Payload struct{ V any }

// MarshalJSON encodes the value as a JSON string holding its JSON text.
func (p Payload) MarshalJSON() ([]byte, error) {
	return json.Marshal(string(mustJSON(p.V)))
}

// PayloadDetails says whether a payload was truncated (never, here).
type PayloadDetails struct {
	Truncated bool `json:"truncated"`
}

// StateEnteredDetails is stateEnteredEventDetails.
type StateEnteredDetails struct {
	Name         string         `json:"name"`
	Input        Payload        `json:"input"`
	InputDetails PayloadDetails `json:"inputDetails"`
}

// StateExitedDetails is stateExitedEventDetails.
type StateExitedDetails struct {
	Name                    string             `json:"name"`
	Output                  Payload            `json:"output"`
	OutputDetails           PayloadDetails     `json:"outputDetails"`
	AssignedVariables       map[string]Payload `json:"assignedVariables,omitempty"`
	AssignedVariablesDetail *PayloadDetails    `json:"assignedVariablesDetails,omitempty"`
}

// ExecutionStartedDetails is executionStartedEventDetails.
type ExecutionStartedDetails struct {
	Input        Payload        `json:"input"`
	InputDetails PayloadDetails `json:"inputDetails"`
	RoleARN      string         `json:"roleArn"`
}

// OutputDetails is the details of *Succeeded events with an output
// (ExecutionSucceeded, TaskSucceeded, LambdaFunctionSucceeded, ...).
type OutputDetails struct {
	Resource      string         `json:"resource,omitempty"`
	ResourceType  string         `json:"resourceType,omitempty"`
	Output        Payload        `json:"output"`
	OutputDetails PayloadDetails `json:"outputDetails"`
}

// ErrorDetails is the details of failure events (ExecutionFailed,
// TaskFailed, LambdaFunctionFailed, TaskTimedOut, MapRunFailed, ...).
type ErrorDetails struct {
	Resource     string `json:"resource,omitempty"`
	ResourceType string `json:"resourceType,omitempty"`
	Error        string `json:"error,omitempty"`
	Cause        string `json:"cause,omitempty"`
}

// TaskScheduledDetails is taskScheduledEventDetails.
type TaskScheduledDetails struct {
	Resource         string  `json:"resource"`
	ResourceType     string  `json:"resourceType"`
	Region           string  `json:"region"`
	Parameters       Payload `json:"parameters"`
	TimeoutInSeconds *int64  `json:"timeoutInSeconds,omitempty"`
	HeartbeatSeconds *int64  `json:"heartbeatInSeconds,omitempty"`
}

// ResourceDetails is taskStartedEventDetails.
type ResourceDetails struct {
	Resource     string `json:"resource"`
	ResourceType string `json:"resourceType"`
}

// LambdaScheduledDetails is lambdaFunctionScheduledEventDetails.
type LambdaScheduledDetails struct {
	Resource         string         `json:"resource"`
	Input            Payload        `json:"input"`
	InputDetails     PayloadDetails `json:"inputDetails"`
	TimeoutInSeconds *int64         `json:"timeoutInSeconds,omitempty"`
}

// MapStartedDetails is mapStateStartedEventDetails.
type MapStartedDetails struct {
	Length int `json:"length"`
}

// MapIterationDetails is the details of MapIteration* events.
type MapIterationDetails struct {
	Name  string `json:"name"`
	Index int    `json:"index"`
}

// MapRunStartedDetails is mapRunStartedEventDetails.
type MapRunStartedDetails struct {
	MapRunARN string `json:"mapRunArn"`
}

// detailsKeys maps event types to their details field.
var detailsKeys = map[string]string{
	"ExecutionStarted": "executionStartedEventDetails", "ExecutionSucceeded": "executionSucceededEventDetails",
	"ExecutionFailed": "executionFailedEventDetails", "ExecutionAborted": "executionAbortedEventDetails",
	"ExecutionTimedOut": "executionTimedOutEventDetails",
	"TaskScheduled":     "taskScheduledEventDetails", "TaskStarted": "taskStartedEventDetails",
	"TaskSubmitted": "taskSubmittedEventDetails", "TaskSucceeded": "taskSucceededEventDetails",
	"TaskFailed": "taskFailedEventDetails", "TaskTimedOut": "taskTimedOutEventDetails",
	"LambdaFunctionScheduled": "lambdaFunctionScheduledEventDetails", "LambdaFunctionStarted": "",
	"LambdaFunctionSucceeded": "lambdaFunctionSucceededEventDetails", "LambdaFunctionFailed": "lambdaFunctionFailedEventDetails",
	"LambdaFunctionTimedOut": "lambdaFunctionTimedOutEventDetails",
	"MapStateStarted":        "mapStateStartedEventDetails", "MapIterationStarted": "mapIterationStartedEventDetails",
	"MapIterationSucceeded": "mapIterationSucceededEventDetails", "MapIterationFailed": "mapIterationFailedEventDetails",
	"MapIterationAborted": "mapIterationAbortedEventDetails", "MapRunStarted": "mapRunStartedEventDetails",
	"MapRunFailed": "mapRunFailedEventDetails",
}

// detailsKey returns the details field name of an event type.
func detailsKey(typ string, details any) string {
	switch details.(type) {
	case *StateEnteredDetails:
		return "stateEnteredEventDetails"
	case *StateExitedDetails:
		return "stateExitedEventDetails"
	}
	return detailsKeys[typ]
}
