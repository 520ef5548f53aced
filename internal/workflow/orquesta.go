package workflow

// Workflow is an Orquesta workflow definition.
type Workflow struct {
	Version     string
	Description string
	// Input lists the workflow's input parameters; Value is the default when
	// HasDefault.
	Input []*Param
	// Vars are the workflow variables with their initial values, evaluated
	// in order after the input.
	Vars []*Param
	// Output are the workflow's output values, evaluated in order when it
	// completes.
	Output []*Param
	// Tasks in file order.
	Tasks []*Task
	Pos   Pos
}

// Param is a named value: an input (with an optional default), a variable,
// an output or a published variable.
type Param struct {
	Name       string
	Value      *Value
	HasDefault bool
	Pos        Pos
}

// Task is one Orquesta task.
type Task struct {
	Name string
	// Action is the action ref; empty for a task that only transitions.
	// Parameters written inline (action: core.echo message="hi") are in
	// Input.
	Action string
	// Input is the action's parameters as a map Value; nil when none.
	Input *Value
	Next  []*Transition
	// Join is nil, or the task waits for inbound branches.
	Join *Join
	// With is nil, or the task runs its action once per item.
	With  *With
	Retry *Retry
	// Delay is nil or the seconds to wait before running the action.
	Delay *Value
	Pos   Pos
}

// Transition is one entry of a task's next: when the condition holds,
// publish variables and run the tasks in Do.
type Transition struct {
	// When is the condition expression; nil means always.
	When    *Value
	Publish []*Param
	Do      []Target
	Pos     Pos
}

// Target is a task name, or an engine command (see IsCommand), in a
// transition's do.
type Target struct {
	Name string
	Pos  Pos
}

// Engine commands that may appear in do instead of a task name.
const (
	CmdContinue = "continue"
	CmdFail     = "fail"
	CmdNoop     = "noop"
	CmdRetry    = "retry"
)

// IsCommand reports whether name is an engine command rather than a task.
func IsCommand(name string) bool {
	switch name {
	case CmdContinue, CmdFail, CmdNoop, CmdRetry:
		return true
	}
	return false
}

// Join is a task's join: all inbound branches, or Count of them.
type Join struct {
	All   bool
	Count int
	Pos   Pos
}

// With runs a task's action once per item.
type With struct {
	// Items is the expression yielding the items.
	Items *Value
	// ItemNames are the names in "x, y in <% zip(...) %>", empty for plain
	// items.
	ItemNames []string
	// Concurrency is nil (unbounded) or the maximum running at once.
	Concurrency *Value
	Pos         Pos
}

// Retry re-runs a failed task.
type Retry struct {
	// When is the condition to retry on; nil means when the task failed.
	When  *Value
	Count *Value
	Delay *Value
	Pos   Pos
}

// Task returns the task called name, or nil.
func (w *Workflow) Task(name string) *Task {
	for _, t := range w.Tasks {
		if t.Name == name {
			return t
		}
	}
	return nil
}
