package workflow

import (
	"strings"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// finalStates adds the end check (when needed), the output and the
// failure states.
func (c *compiler) finalStates() {
	if c.needEnd {
		c.states.set(StateEnd, newObject().set("Type", "Choice").
			set("Choices", []any{newObject().set("Condition", jexpr("$count($"+c.r.v(varErrors)+") > 0")).set("Next", StateFailed)}).
			set("Default", StateOutput))
	}
	var output any
	if len(c.wf.Output) > 0 {
		o := newObject()
		for _, p := range c.wf.Output {
			o.set(p.Name, c.render(p.Value, c.scope()))
		}
		output = o
	}
	succeed := newObject().set("Type", "Succeed").set("Output", newObject().set("output", output))
	c.kvState(StateOutput, c.takeKV(), succeed)
	c.states.set(StateFailed, newObject().set("Type", "Fail").
		set("Error", "StackStorm.WorkflowFailed").
		set("Cause", jexpr("$string({'output': "+c.failureOutput()+", 'errors': $"+c.r.v(varErrors)+"})")))
}

// assignRecord assigns the status and result that st (a state or catcher)
// outputs to variable v.
func assignRecord(st *object, v string) {
	rec := newObject().set("status", mustGet(st, "Output", "status")).set("result", mustGet(st, "Output", "result"))
	st.set("Assign", newObject().set(v, rec))
}

// failureOutput is the JSONata of the output a failed workflow reports:
// rendered like a successful one's, as Orquesta does, or null.
func (c *compiler) failureOutput() string {
	if len(c.wf.Output) == 0 {
		return "null"
	}
	parts := make([]string, len(c.wf.Output))
	for i, p := range c.wf.Output {
		parts[i] = expr.Quote(p.Name) + ": " + c.jsonataValue(p.Value, c.scope())
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
