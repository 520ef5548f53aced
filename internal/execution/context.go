package execution

// Context is an execution's context, StackStorm's shape: who asked for it,
// and which rule, trigger instance, trace and parent caused it.
type Context struct {
	User            string        `json:"user,omitempty"`
	APIUser         string        `json:"api_user,omitempty"`
	Pack            string        `json:"pack,omitempty"`
	Rule            *ObjectRef    `json:"rule,omitempty"`
	TriggerInstance *ObjectRef    `json:"trigger_instance,omitempty"`
	TraceContext    *TraceContext `json:"trace_context,omitempty"`
	Parent          *ParentRef    `json:"parent,omitempty"`
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
