package execution

import (
	"encoding/json"
	"fmt"
	"time"
)

// Execution is an action execution, StackStorm's ActionExecution: what ran,
// with which (masked) parameters, how it went and what caused it. Its JSON
// form is the /api/v1/executions shape.
type Execution struct {
	ID     string `json:"id"`
	Action Action `json:"action"`
	Runner Runner `json:"runner"`
	// Parameters are the rendered parameters with every secret replaced by
	// Masked (see MaskSecrets); stores keep them as given.
	Parameters map[string]any `json:"parameters,omitempty"`
	Status     Status         `json:"status"`
	// StartTimestamp is when the execution was requested; it orders
	// listings (newest first) and is required.
	StartTimestamp time.Time `json:"start_timestamp"`
	// EndTimestamp is set when the execution reaches a final status.
	EndTimestamp time.Time `json:"end_timestamp,omitzero"`
	// ElapsedSeconds is EndTimestamp - StartTimestamp once final.
	ElapsedSeconds float64 `json:"elapsed_seconds,omitempty"`
	// Result is the runner's result, as JSON.
	Result  json.RawMessage `json:"result,omitempty"`
	Context Context         `json:"context"`
	// Parent is the id of the workflow execution this one is a task of.
	Parent string `json:"parent,omitempty"`
	// Children are the ids of the task executions of a workflow, in the
	// order they were created; stores maintain it.
	Children []string `json:"children,omitempty"`
	// Log records every status the execution had, in order; stores
	// maintain it.
	Log             []LogEntry          `json:"log"`
	Rule            *RuleRef            `json:"rule,omitempty"`
	TriggerType     *TriggerTypeRef     `json:"trigger_type,omitempty"`
	TriggerInstance *TriggerInstanceRef `json:"trigger_instance,omitempty"`
	// Delay is the requested delay before scheduling, in milliseconds.
	Delay int `json:"delay,omitempty"`
}

// Action identifies the action an execution ran.
type Action struct {
	Ref        string `json:"ref"`
	Name       string `json:"name,omitempty"`
	Pack       string `json:"pack,omitempty"`
	RunnerType string `json:"runner_type,omitempty"`
	EntryPoint string `json:"entry_point,omitempty"`
}

// Runner identifies the runner an execution ran on.
type Runner struct {
	Name         string `json:"name"`
	RunnerModule string `json:"runner_module,omitempty"`
}

// LogEntry is one status change of an execution.
type LogEntry struct {
	Timestamp time.Time `json:"timestamp"`
	Status    Status    `json:"status"`
}

// RuleRef identifies a rule.
type RuleRef struct {
	ID   string `json:"id,omitempty"`
	Ref  string `json:"ref"`
	Name string `json:"name,omitempty"`
	Pack string `json:"pack,omitempty"`
	UID  string `json:"uid,omitempty"`
}

// TriggerTypeRef identifies a trigger type, such as core.st2.webhook.
type TriggerTypeRef struct {
	Ref  string `json:"ref"`
	Name string `json:"name,omitempty"`
	Pack string `json:"pack,omitempty"`
}

// TriggerInstanceRef identifies the trigger instance that caused an
// execution.
type TriggerInstanceRef struct {
	ID             string    `json:"id"`
	Trigger        string    `json:"trigger,omitempty"`
	OccurrenceTime time.Time `json:"occurrence_time,omitzero"`
}

// Validate returns an error wrapping ErrInvalid when e cannot be stored: no
// id, no action ref, no start timestamp, an unknown status, or a log that
// CheckLog rejects.
func (e *Execution) Validate() error {
	switch {
	case e.ID == "":
		return fmt.Errorf("validating execution: empty id: %w", ErrInvalid)
	case e.Action.Ref == "":
		return fmt.Errorf("validating execution %s: empty action ref: %w", e.ID, ErrInvalid)
	case e.StartTimestamp.IsZero():
		return fmt.Errorf("validating execution %s: zero start_timestamp: %w", e.ID, ErrInvalid)
	case !e.Status.Valid():
		return fmt.Errorf("validating execution %s: status %q: %w", e.ID, e.Status, ErrInvalid)
	}
	return e.CheckLog()
}

// CheckLog returns nil when e.Log is empty or a valid history ending in
// e.Status: every entry timed, every step one CanTransition allows. It
// returns an error wrapping ErrInvalid otherwise.
func (e *Execution) CheckLog() error {
	for i, l := range e.Log {
		if l.Timestamp.IsZero() {
			return fmt.Errorf("validating execution %s: log entry %d has no time: %w", e.ID, i, ErrInvalid)
		}
		if i > 0 && !CanTransition(e.Log[i-1].Status, l.Status) {
			return fmt.Errorf("validating execution %s: log moves from %q to %q: %w", e.ID, e.Log[i-1].Status, l.Status, ErrInvalid)
		}
	}
	if n := len(e.Log); n > 0 && e.Log[n-1].Status != e.Status {
		return fmt.Errorf("validating execution %s: log ends in %q, status is %q: %w", e.ID, e.Log[n-1].Status, e.Status, ErrInvalid)
	}
	return nil
}

// Apply moves e to the change's status in memory: it appends the log
// entry, sets Result when the change carries one, and sets EndTimestamp
// and ElapsedSeconds when the new status is final. It does not check the
// transition; stores call it after CheckTransition and their
// compare-and-set.
func (e *Execution) Apply(c Change) {
	e.Status = c.To
	e.Log = append(e.Log, LogEntry{Timestamp: c.At, Status: c.To})
	if c.Result != nil {
		e.Result = c.Result
	}
	if c.To.Final() {
		e.EndTimestamp = c.At
		e.ElapsedSeconds = c.At.Sub(e.StartTimestamp).Seconds()
	}
}
