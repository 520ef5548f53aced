package workflow

import (
	"strings"

	"github.com/stormless/stormless/internal/workflow/expr"
)

// transitionRules returns the Choice rules of one transition. A transition
// that ends the branch on a failed task without handling it (continue, the
// default) fails the workflow, so it becomes a rule for success and one for
// failure unless its condition already decides the status.
func (c *compiler) transitionRules(t *Task, tr *Transition) []any {
	cond := "true"
	if tr.When != nil {
		cond = c.condition(tr.When, c.nextScope(t))
	}
	assign := c.publish(t, tr)
	targets := taskTargets(tr)
	switch {
	case hasCommand(tr, CmdFail):
		assign.set(c.r.v(varErrors), jexpr(c.appendError(t.Name, "Workflow failed by the fail command of task "+t.Name+".", false)))
		next := c.r.failed
		if len(targets) > 0 {
			next = c.goTo(t, tr, targets)
		}
		return []any{rule(cond, assign, next)}
	case len(targets) > 0:
		return []any{rule(cond, assign, c.goTo(t, tr, targets))}
	case hasCommand(tr, CmdRetry):
		return []any{rule(cond, assign, c.actionEntry(t))}
	case hasCommand(tr, CmdNoop):
		return []any{rule(cond, assign, c.r.end)}
	}
	return c.continueRules(t, tr, cond, assign)
}

// continueRules end the branch; a failed task then fails the workflow.
func (c *compiler) continueRules(t *Task, tr *Transition, cond string, assign *object) []any {
	switch whenStatus(tr.When) {
	case "succeeded":
		return []any{rule(cond, assign, c.r.end)}
	case "failed":
		assign.set(c.r.v(varErrors), jexpr(c.appendError(t.Name, "Execution failed. See result for details.", true)))
		return []any{rule(cond, assign, c.r.failed)}
	}
	ok := rule("("+cond+") and "+isSucceeded, assign, c.r.end)
	failAssign := newObject()
	for _, k := range assign.keys {
		failAssign.set(k, assign.vals[k])
	}
	failAssign.set(c.r.v(varErrors), jexpr(c.appendError(t.Name, "Execution failed. See result for details.", true)))
	return []any{ok, rule(cond, failAssign, c.r.failed)}
}

// whenStatus tells whether a condition is exactly succeeded() or failed().
func whenStatus(when *Value) string {
	if when == nil {
		return ""
	}
	s, _ := when.AsString()
	s = strings.TrimSpace(s)
	for _, status := range []string{"succeeded", "failed"} {
		if s == "<% "+status+"() %>" || s == "{{ "+status+"() }}" {
			return status
		}
	}
	return ""
}

func rule(cond string, assign *object, next string) *object {
	r := newObject().set("Condition", jexpr(cond))
	if assign.len() > 0 {
		r.set("Assign", assign)
	}
	return r.set("Next", next)
}

// publish renders a transition's publish as an Assign object.
func (c *compiler) publish(t *Task, tr *Transition) *object {
	assign := newObject()
	for _, p := range tr.Publish {
		name, _ := expr.VarName(p.Name)
		assign.set(c.r.v(name), c.render(p.Value, c.nextScope(t)))
	}
	return assign
}
