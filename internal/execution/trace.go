package execution

import (
	"fmt"
	"time"
)

// Trace follows one chain of causes, StackStorm's Trace: the trigger
// instances, rules and action executions that share a trace tag, each with
// what caused it. Its JSON form is the /api/v1/traces shape.
type Trace struct {
	ID       string `json:"id"`
	TraceTag string `json:"trace_tag"`
	TraceComponents
	// StartTimestamp orders listings (newest first); required.
	StartTimestamp time.Time `json:"start_timestamp"`
}

// TraceComponents are the parts of a trace, in the order they were added.
type TraceComponents struct {
	TriggerInstances []TraceComponent `json:"trigger_instances"`
	Rules            []TraceComponent `json:"rules"`
	ActionExecutions []TraceComponent `json:"action_executions"`
}

// Empty reports whether c holds no component.
func (c TraceComponents) Empty() bool {
	return len(c.TriggerInstances)+len(c.Rules)+len(c.ActionExecutions) == 0
}

// TraceComponent is one record in a trace.
type TraceComponent struct {
	ObjectID  string    `json:"object_id"`
	Ref       string    `json:"ref,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
	// CausedBy is the record that caused this one; nil for the first.
	CausedBy *Cause `json:"caused_by,omitempty"`
}

// Cause names what caused a trace component, in StackStorm's form: Type is
// "trigger_instance", "rule" or "action_execution"; for a rule, ID is
// "<rule id>:<trigger instance id>".
type Cause struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// Validate returns an error wrapping ErrInvalid when t cannot be stored.
func (t *Trace) Validate() error {
	switch {
	case t.ID == "":
		return fmt.Errorf("validating trace: empty id: %w", ErrInvalid)
	case t.TraceTag == "":
		return fmt.Errorf("validating trace %s: empty trace_tag: %w", t.ID, ErrInvalid)
	case t.StartTimestamp.IsZero():
		return fmt.Errorf("validating trace %s: zero start_timestamp: %w", t.ID, ErrInvalid)
	}
	return nil
}

// Add appends c's components to t's.
func (t *Trace) Add(c TraceComponents) {
	t.TriggerInstances = append(t.TriggerInstances, c.TriggerInstances...)
	t.Rules = append(t.Rules, c.Rules...)
	t.ActionExecutions = append(t.ActionExecutions, c.ActionExecutions...)
}
