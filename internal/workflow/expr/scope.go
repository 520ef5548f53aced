package expr

// Scope is what an expression can see where it is evaluated in the compiled
// state machine. The zero Scope translates expressions that use only the
// workflow context.
type Scope struct {
	// Vars lists the known workflow context variables; ctx() builds an
	// object of them. When CheckVars is set, a reference to any other
	// context variable is an error.
	Vars      []string
	CheckVars bool
	// Record is the JSONata of the current task's execution record
	// {"status": ..., "result": ...}, e.g. "$states.input" in the Choice
	// state after a Task state. Empty where no task has run: result(),
	// succeeded(), ... are then errors.
	Record string
	// Task is the current task's name, for task().task_name.
	Task string
	// Item is the JSONata of the current with-items element, e.g.
	// "$states.input.value" in a compiled Map iteration; empty outside
	// with-items. ItemNames are the names of zipped items ("x, y in
	// <% zip(...) %>"), so item(y) is Item[1].
	Item      string
	ItemNames []string
	// Names resolves a bare Jinja name (action-chain variables, parameters
	// and task results) to JSONata; nil or false means the name is
	// undefined.
	Names func(name string) (string, bool)
	// Rename, when set, maps every JSONata variable name the translation
	// reads (VarName, TaskVar, KVVar; without $) to the name that holds it
	// where the expression runs, e.g. a branch-local copy inside a Parallel
	// state.
	Rename func(name string) string
}

// Translation is a translated expression with what it needs from the state
// machine.
type Translation struct {
	// JSONata is the translated expression, without {% %}.
	JSONata string
	// Tasks names the tasks whose records the expression reads
	// (task(t), task_status(t)), in first-use order.
	Tasks []string
	// KV lists the st2kv() lookups, in first-use order.
	KV []KVRef
}

// KVRef is one st2kv() lookup: the key expression (JSONata) and whether the
// value is decrypted.
type KVRef struct {
	Key     string
	Decrypt string
}
