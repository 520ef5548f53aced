package expr

import (
	"slices"
	"strings"
)

// call translates a function call, YAQL method call or Jinja filter.
func (t *translator) call(n *Call) (out, error) {
	if n.Recv == nil {
		if f, ok := workflowFuncs[n.Name]; ok {
			return f(t, n)
		}
	}
	switch {
	case n.Recv != nil && !n.Filter && slices.Contains(lambdaMethods, n.Name):
		return t.lambdaCall(n)
	case n.Recv != nil && !n.Filter && (n.Name == "skip" || n.Name == "take" || n.Name == "limit"):
		return t.skipTake(n)
	case n.Filter && (n.Name == "select" || n.Name == "reject" || n.Name == "selectattr" || n.Name == "rejectattr"):
		return t.jinjaSelect(n)
	case n.Filter && n.Name == "map":
		return t.mapFilter(n)
	case n.Name == "format":
		return t.formatCall(n)
	case n.Name == "switch" && n.Recv == nil:
		return t.switchCall(n)
	case n.Name == "list" && n.Recv == nil:
		return t.listCall(n)
	}
	if n.Name == "dict" && n.Recv == nil {
		return t.dictCall(n)
	}
	if n.Name == "regex_match" || n.Name == "regex_search" || n.Name == "regex_replace" || n.Name == "regex_substring" {
		return t.regex(n)
	}
	spec, ok := funcs[n.Name]
	if !ok {
		return out{}, t.fail(n, hints[n.Name], "unsupported function %s()", n.Name)
	}
	if len(n.Kwargs) > 0 && n.Name != "default" {
		return out{}, t.fail(n, "", "%s() takes no named arguments", n.Name)
	}
	args, err := t.args(n)
	if err != nil {
		return out{}, err
	}
	if len(args) < spec.min || spec.max >= 0 && len(args) > spec.max {
		return out{}, t.fail(n, "", "%s() takes %s arguments, got %d", n.Name, spec.arity(), len(args))
	}
	return spec.f(args), nil
}

// args translates the receiver (if any) followed by the positional and
// named arguments in order.
func (t *translator) args(n *Call) ([]out, error) {
	nodes := slices.Clone(n.Args)
	if n.Recv != nil {
		nodes = append([]Node{n.Recv}, nodes...)
	}
	for _, kw := range n.Kwargs {
		nodes = append(nodes, kw.Value)
	}
	res := make([]out, len(nodes))
	for i, a := range nodes {
		o, err := t.node(a)
		if err != nil {
			return nil, err
		}
		res[i] = o
	}
	return res, nil
}

// literalName returns the name an argument spells: a string literal, or a
// bare identifier (YAQL reads ctx(x) as ctx("x")).
func literalName(n Node) (string, bool) {
	switch n := n.(type) {
	case *Lit:
		s, ok := n.Value.(string)
		return s, ok
	case *Name:
		return n.Name, true
	}
	return "", false
}

// dictCall translates YAQL's dict(key => value, ...) and Jinja's
// dict(key=value, ...).
func (t *translator) dictCall(n *Call) (out, error) {
	if len(n.Args) != 0 {
		return out{}, t.fail(n, "", "dict() takes only named arguments")
	}
	parts := make([]string, len(n.Kwargs))
	for i, kw := range n.Kwargs {
		v, err := t.node(kw.Value)
		if err != nil {
			return out{}, err
		}
		key := quote(kw.Name)
		if kw.Key != nil {
			k, err := t.node(kw.Key)
			if err != nil {
				return out{}, err
			}
			key = k.wrap(precCond + 1)
		}
		parts[i] = key + ": " + v.wrap(precCond+1)
	}
	return atom("{"+strings.Join(parts, ", ")+"}", kDict), nil
}
