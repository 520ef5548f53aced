package workflow

import (
	"github.com/stormless/stormless/internal/workflow/expr"
)

// transitionRules returns the Choice rules of one transition (or of several
// merged, see nextRules) taken when cond holds; status is "succeeded" or
// "failed" when cond implies that task status. A transition that ends the
// branch on a failed task without handling it (continue, the default)
// fails the workflow, so it becomes a rule for success and one for failure
// unless status decides.
func (c *compiler) transitionRules(t *Task, tr *Transition, cond, status string) []any {
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
	return c.continueRules(t, cond, status, assign)
}

// continueRules end the branch; a failed task then fails the workflow.
func (c *compiler) continueRules(t *Task, cond, status string, assign *object) []any {
	switch status {
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

// whenStatus tells whether a condition implies the task status: it is
// succeeded() or failed(), alone or and-ed with other conditions.
func whenStatus(when *Value) string {
	if when == nil {
		return ""
	}
	s, _ := when.AsString()
	segs, err := expr.ParseTemplate(s)
	if err != nil || len(segs) != 1 || !segs[0].Expr || segs[0].Dialect == expr.JSONata {
		return ""
	}
	n, err := expr.Parse(segs[0].Src, segs[0].Dialect)
	if err != nil {
		return ""
	}
	return impliedStatus(n)
}

// impliedStatus finds succeeded() or failed() among the and-ed terms of n.
func impliedStatus(n expr.Node) string {
	switch n := n.(type) {
	case *expr.Call:
		if n.Recv == nil && len(n.Args) == 0 && (n.Name == "succeeded" || n.Name == "failed") {
			return n.Name
		}
	case *expr.Binary:
		if n.Op == "and" {
			if s := impliedStatus(n.L); s != "" {
				return s
			}
			return impliedStatus(n.R)
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
