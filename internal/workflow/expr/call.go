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
	if n.Recv != nil && (n.Name == "select" || n.Name == "where") {
		return t.lambdaCall(n)
	}
	if n.Name == "map" && n.Filter {
		return t.mapAttribute(n)
	}
	if n.Name == "dict" && n.Recv == nil {
		return t.dictCall(n)
	}
	if n.Name == "regex_match" || n.Name == "regex_search" || n.Name == "regex_replace" || n.Name == "regex_substring" {
		return t.regex(n)
	}
	spec, ok := funcs[n.Name]
	if !ok {
		return out{}, t.fail(n, "", "unsupported function %s()", n.Name)
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

// lambdaCall translates YAQL's coll.select(expr) and coll.where(expr), in
// which $ is the element.
func (t *translator) lambdaCall(n *Call) (out, error) {
	if len(n.Args) != 1 || len(n.Kwargs) != 0 {
		return out{}, t.fail(n, "", "%s() takes 1 argument", n.Name)
	}
	coll, err := t.node(n.Recv)
	if err != nil {
		return out{}, err
	}
	param := "$sl_x"
	if d := len(t.lambda); d > 0 {
		param += strings.Repeat("x", d)
	}
	t.lambda = append(t.lambda, param)
	body, err := t.node(n.Args[0])
	t.lambda = t.lambda[:len(t.lambda)-1]
	if err != nil {
		return out{}, err
	}
	f := "$map"
	if n.Name == "where" {
		f = "$filter"
	}
	return atom(f+"("+coll.s+", function("+param+") { "+body.s+" })", kList), nil
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

// mapAttribute translates Jinja's list | map(attribute='x').
func (t *translator) mapAttribute(n *Call) (out, error) {
	if len(n.Args) != 0 || len(n.Kwargs) != 1 || n.Kwargs[0].Name != "attribute" {
		return out{}, t.fail(n, "{% $map(list, function($v) { ... }) %}", "map() is only supported as map(attribute='name')")
	}
	name, ok := literalName(n.Kwargs[0].Value)
	if !ok {
		return out{}, t.fail(n, "", "map(attribute=...) needs a literal attribute name")
	}
	list, err := t.node(n.Recv)
	if err != nil {
		return out{}, err
	}
	return atom("$map("+list.s+", function($sl_v) { $sl_v."+fieldName(name)+" })", kList), nil
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
		parts[i] = quote(kw.Name) + ": " + v.wrap(precCond+1)
	}
	return atom("{"+strings.Join(parts, ", ")+"}", kDict), nil
}
