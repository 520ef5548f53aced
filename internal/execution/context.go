package execution

import (
	"encoding/json"
	"slices"
)

// Context is an execution's context, StackStorm's shape: who asked for it,
// and which rule, trigger instance, trace and parent caused it. StackStorm's
// context is open (runners add keys such as orquesta or chain): Extra keeps
// every other key, and its JSON form is merged with the known ones.
type Context struct {
	User            string        `json:"user,omitempty"`
	APIUser         string        `json:"api_user,omitempty"`
	Pack            string        `json:"pack,omitempty"`
	Rule            *ObjectRef    `json:"rule,omitempty"`
	TriggerInstance *ObjectRef    `json:"trigger_instance,omitempty"`
	TraceContext    *TraceContext `json:"trace_context,omitempty"`
	Parent          *ParentRef    `json:"parent,omitempty"`
	// Extra holds the other keys, as JSON; a key that is also a field
	// above is ignored.
	Extra map[string]json.RawMessage `json:"-"`
}

// contextFields are the JSON keys of Context's fields.
var contextFields = []string{"user", "api_user", "pack", "rule", "trigger_instance", "trace_context", "parent"}

// contextJSON is Context without its JSON methods.
type contextJSON Context

// MarshalJSON encodes the known fields and Extra as one object.
func (c Context) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(contextJSON(c))
	if err != nil || len(c.Extra) == 0 {
		return b, err
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range c.Extra {
		if !slices.Contains(contextFields, k) {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// UnmarshalJSON decodes the known fields and keeps the other keys in
// Extra.
func (c *Context) UnmarshalJSON(b []byte) error {
	var known contextJSON
	if err := json.Unmarshal(b, &known); err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for _, k := range contextFields {
		delete(m, k)
	}
	*c = Context(known)
	c.Extra = nil
	if len(m) > 0 {
		c.Extra = m
	}
	return nil
}

// ObjectRef names a rule or trigger instance in an execution's context.
type ObjectRef struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// TraceContext ties an execution to its trace.
type TraceContext struct {
	TraceTag string `json:"trace_tag,omitempty"`
	ID       string `json:"id,omitempty"`
}

// ParentRef is the workflow execution a task execution belongs to.
type ParentRef struct {
	ExecutionID string `json:"execution_id"`
	User        string `json:"user,omitempty"`
	// RootID is the id of the outermost workflow execution.
	RootID string `json:"root_id,omitempty"`
}
