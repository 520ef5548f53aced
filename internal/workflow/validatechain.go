package workflow

import (
	"github.com/stormless/stormless/internal/workflow/expr"
)

// ValidateChain checks an action-chain: every node has a unique name and a
// ref, on-success, on-failure and default name nodes, every node is
// reachable from the start node, and every expression parses. Which names
// an expression may read depends on the action's parameters, so undefined
// names are not reported here. It returns every problem, nil when none.
func ValidateChain(c *Chain) ErrorList {
	v := &validator{}
	if len(c.Nodes) == 0 {
		v.add(c.Pos, "action-chain has no nodes")
	}
	v.chainNodes(c)
	if c.Default != "" && c.Node(c.Default) == nil {
		v.add(c.DefaultPos, "default names unknown node %q", c.Default)
	}
	if c.Start() != nil {
		v.chainReachability(c)
	}
	v.chainExpressions(c)
	if v.err() == nil {
		return nil
	}
	return v.list
}

func (v *validator) chainNodes(c *Chain) {
	seen := map[string]bool{}
	for _, n := range c.Nodes {
		switch {
		case n.Name == "":
			v.add(n.Pos, "chain node has no name")
		case seen[n.Name]:
			v.add(n.Pos, "duplicate chain node %q", n.Name)
		}
		seen[n.Name] = true
		if n.Ref == "" {
			v.add(n.Pos, "chain node %s has no ref", n.Name)
		}
		for _, t := range []Target{n.OnSuccess, n.OnFailure} {
			if t.Name != "" && c.Node(t.Name) == nil {
				v.add(t.Pos, "chain node %s goes to unknown node %q", n.Name, t.Name)
			}
		}
	}
}

func (v *validator) chainReachability(c *Chain) {
	seen := map[string]bool{}
	for n := []*Node{c.Start()}; len(n) > 0; n = n[1:] {
		cur := n[0]
		if cur == nil || seen[cur.Name] {
			continue
		}
		seen[cur.Name] = true
		n = append(n, c.Node(cur.OnSuccess.Name), c.Node(cur.OnFailure.Name))
	}
	for _, n := range c.Nodes {
		if n.Name != "" && !seen[n.Name] {
			v.add(n.Pos, "chain node %s is unreachable from the start node", n.Name)
		}
	}
}

func (v *validator) chainExpressions(c *Chain) {
	check := func(val *Value) {
		if val == nil {
			return
		}
		val.Walk(func(s string, at *Value) {
			segs, err := expr.ParseTemplate(s)
			if err != nil {
				v.exprError(at, s, 0, err)
				return
			}
			for _, seg := range segs {
				switch {
				case seg.Expr && seg.Dialect == expr.JSONata:
					v.checkNative(at, seg)
				case seg.Expr:
					if _, err := expr.Parse(seg.Src, seg.Dialect); err != nil {
						v.exprError(at, seg.Src, seg.Offset, err)
					}
				}
			}
		})
	}
	for _, p := range c.Vars {
		check(p.Value)
	}
	for _, n := range c.Nodes {
		check(n.Params)
		for _, p := range n.Publish {
			check(p.Value)
		}
	}
}
