package workflow

import (
	"github.com/stormless/stormless/internal/workflow/expr"
)

// checkNames rejects names that cannot become Step Functions variables.
func (c *compiler) checkNames() {
	for _, v := range c.vars {
		if _, ok := expr.VarName(v); !ok {
			c.add(c.varPos(v), "variable name %q is not an identifier: Step Functions variables need letters, digits and underscores", v)
		}
	}
	for _, t := range c.wf.Tasks {
		if !expr.IsIdent(t.Name) {
			c.add(t.Pos, "task name %q is not an identifier", t.Name)
		}
	}
}

// varPos finds where variable name is defined.
func (c *compiler) varPos(name string) Pos {
	for _, list := range [][]*Param{c.wf.Input, c.wf.Vars} {
		for _, p := range list {
			if p.Name == name {
				return p.Pos
			}
		}
	}
	for _, t := range c.wf.Tasks {
		for _, tr := range t.Next {
			for _, p := range tr.Publish {
				if p.Name == name {
					return p.Pos
				}
			}
		}
	}
	return c.wf.Pos
}

// checkActions reports tasks running actions that Options.Actions does not
// know.
func (c *compiler) checkActions() {
	if c.opts.Actions == nil {
		return
	}
	for _, t := range c.wf.Tasks {
		if t.Action != "" && !c.opts.Actions(t.Action) {
			c.add(t.Pos, "task %s runs unknown action %q", t.Name, t.Action)
		}
	}
}
