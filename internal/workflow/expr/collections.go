package expr

import (
	"slices"
	"strings"
)

// JSONata's $map, $filter and $each collapse a one-element result into the
// element itself, and an array constructor splices arrays in; collect
// wraps each value in an object {'v': value} (objects are neither collapsed
// nor spliced), then unwraps them, so one match is still a list of one.

// lambdaMethods are the YAQL methods whose arguments are lambdas over the
// collection's elements ($ is the element).
var lambdaMethods = []string{"select", "where", "orderBy", "orderByDescending", "selectMany", "any", "all"}

// collect is JSONata listing, for the elements param of list for which
// cond holds (always when cond is empty), the values of val, each as one
// element, in a real array. Linear: $map wraps, $map unwraps.
func collect(list, param, cond, val string) string {
	wrap := "{'v': " + val + "}"
	if val != param { // a value that may be undefined is left out
		wrap = "($sl_e := " + val + "; $exists($sl_e) ? {'v': $sl_e})"
	}
	if cond != "" {
		wrap = cond + " ? " + wrap
	}
	return "($sl_w := [$map(" + list + ", function(" + param + ") { " + wrap + " })]; $count($sl_w) = 1 ? " +
		"($sl_e := $lookup($sl_w[0], 'v'); $type($sl_e) = 'array' ? [[$sl_e]] : [$sl_e]) : " +
		"[$map($sl_w, function($sl_o) { $lookup($sl_o, 'v') })])"
}

// truthy is o as a JSONata boolean, StackStorm's truthiness.
func truthy(o out) string {
	if o.kind == kBool {
		return o.wrap(precCond + 1)
	}
	return "$boolean(" + o.s + ")"
}

// lambdaParam returns the JSONata parameter for a new lambda nesting level.
func (t *translator) lambdaParam(base string) string {
	return base + strings.Repeat("x", len(t.lambda))
}

// inLambda translates n with $ bound to param.
func (t *translator) inLambda(param string, n Node) (out, error) {
	t.lambda = append(t.lambda, param)
	defer func() { t.lambda = t.lambda[:len(t.lambda)-1] }()
	return t.node(n)
}

// lambdaCall translates YAQL's collection methods taking a lambda:
// select, where, orderBy, orderByDescending, selectMany, any and all.
func (t *translator) lambdaCall(n *Call) (out, error) {
	args := slices.Clone(n.Args)
	for _, kw := range n.Kwargs {
		if kw.Key != nil || kw.Name != "predicate" && kw.Name != "selector" {
			return out{}, t.fail(n, "", "%s() takes one lambda argument", n.Name)
		}
		args = append(args, kw.Value)
	}
	optional := n.Name == "any" || n.Name == "all"
	if len(args) > 1 || len(args) == 0 && !optional {
		return out{}, t.fail(n, "", "%s() takes 1 argument", n.Name)
	}
	coll, err := t.node(n.Recv)
	if err != nil {
		return out{}, err
	}
	if len(args) == 0 {
		if n.Name == "any" {
			return atom("$count("+coll.s+") > 0", kBool), nil
		}
		args = append(args, &Root{At: n.At})
	}
	if n.Name == "orderBy" || n.Name == "orderByDescending" {
		return t.orderBy(n, coll, args[0])
	}
	param := t.lambdaParam("$sl_x")
	body, err := t.inLambda(param, args[0])
	if err != nil {
		return out{}, err
	}
	switch n.Name {
	case "where":
		return atom(collect(coll.s, param, truthy(body), param), kList), nil
	case "selectMany":
		return atom("[$reduce("+coll.s+", function($sl_a, "+param+") { $append($sl_a, "+body.s+") }, [])]", kList), nil
	case "any":
		return atom("true in $map("+coll.s+", function("+param+") { "+truthy(body)+" })", kBool), nil
	case "all":
		return atom("$not(false in $map("+coll.s+", function("+param+") { "+truthy(body)+" }))", kBool), nil
	}
	return atom(collect(coll.s, param, "", body.s), kList), nil
}

// orderBy translates YAQL's coll.orderBy(key) and
// coll.orderByDescending(key): a stable sort on the key.
func (t *translator) orderBy(n *Call, coll out, key Node) (out, error) {
	l, r := t.lambdaParam("$sl_l"), t.lambdaParam("$sl_r")
	kl, err := t.inLambda(l, key)
	if err != nil {
		return out{}, err
	}
	kr, err := t.inLambda(r, key)
	if err != nil {
		return out{}, err
	}
	op := " > "
	if n.Name == "orderByDescending" {
		op = " < "
	}
	return atom("[$sort("+coll.s+", function("+l+", "+r+") { "+kl.wrap(precCmp+1)+op+kr.wrap(precCmp+1)+" })]", kList), nil
}

// skipTake translates YAQL's coll.skip(n) and coll.take(n) (alias limit).
func (t *translator) skipTake(n *Call) (out, error) {
	args, err := t.args(n)
	if err != nil {
		return out{}, err
	}
	if len(args) != 2 || len(n.Kwargs) > 0 {
		return out{}, t.fail(n, "", "%s() takes 1 argument", n.Name)
	}
	// The indexes kept, as a range; the elements are appended by index.
	indexes := "[0..($min([" + args[1].s + ", $count($sl_c)]) - 1)]"
	if n.Name == "skip" {
		indexes = "[" + args[1].s + "..($count($sl_c) - 1)]"
	}
	return atom("($sl_c := "+args[0].s+"; "+collect(indexes, "$sl_i", "", "$sl_c[$sl_i]")+")", kList), nil
}

// jinjaTests are Jinja's tests that take an argument, over %s and %a.
var jinjaTests = map[string]string{
	"equalto": "%s = %a", "eq": "%s = %a", "==": "%s = %a", "ne": "%s != %a", "!=": "%s != %a",
	"gt": "%s > %a", ">": "%s > %a", "ge": "%s >= %a", ">=": "%s >= %a",
	"lt": "%s < %a", "<": "%s < %a", "le": "%s <= %a", "<=": "%s <= %a", "in": "%s in %a",
}

// jinjaSelect translates Jinja's select, reject, selectattr and
// rejectattr filters: list | selectattr('attr'[, 'test'[, arg]]).
func (t *translator) jinjaSelect(n *Call) (out, error) {
	attr := strings.HasSuffix(n.Name, "attr")
	min := 0
	if attr {
		min = 1
	}
	if len(n.Kwargs) > 0 || len(n.Args) < min || len(n.Args) > min+2 {
		return out{}, t.fail(n, "{% $filter(list, function($v) { $v.field = value }) %}", "%s() takes %d to %d arguments", n.Name, min, min+2)
	}
	list, err := t.node(n.Recv)
	if err != nil {
		return out{}, err
	}
	elem := "$sl_v"
	if attr {
		name, ok := literalName(n.Args[0])
		if !ok {
			return out{}, t.fail(n, "", "%s() needs a literal attribute name", n.Name)
		}
		elem += "." + fieldName(name)
	}
	cond := "$boolean(" + elem + ")"
	if len(n.Args) > min {
		if cond, err = t.jinjaTest(n, elem, n.Args[min:]); err != nil {
			return out{}, err
		}
	}
	if strings.HasPrefix(n.Name, "reject") {
		cond = "$not(" + cond + ")"
	}
	return atom(collect(list.s, "$sl_v", cond, "$sl_v"), kList), nil
}

// jinjaTest is the test named by args[0] (a literal) applied to elem, with
// args[1] as its argument.
func (t *translator) jinjaTest(n *Call, elem string, args []Node) (string, error) {
	name, ok := literalName(args[0])
	if !ok {
		return "", t.fail(n, "", "%s() needs a literal test name", n.Name)
	}
	if f, ok := tests[name]; ok && len(args) == 1 {
		return sprintf(f, elem), nil
	}
	if name == "undefined" && len(args) == 1 {
		return "$not(" + sprintf(tests["defined"], elem) + ")", nil
	}
	f, ok := jinjaTests[name]
	if !ok || len(args) != 2 {
		return "", t.fail(n, "{% $filter(list, function($v) { $v.field = value }) %}", "%s(): unsupported test %q with %d argument(s)", n.Name, name, len(args)-1)
	}
	a, err := t.node(args[1])
	if err != nil {
		return "", err
	}
	return strings.ReplaceAll(sprintf(f, elem), "%a", a.wrap(precCmp+1)), nil
}

// mapFilter translates Jinja's list | map(attribute='x') and
// list | map('filter', args...).
func (t *translator) mapFilter(n *Call) (out, error) {
	list, err := t.node(n.Recv)
	if err != nil {
		return out{}, err
	}
	if len(n.Args) == 0 && len(n.Kwargs) == 1 && n.Kwargs[0].Name == "attribute" {
		name, ok := literalName(n.Kwargs[0].Value)
		if !ok {
			return out{}, t.fail(n, "", "map(attribute=...) needs a literal attribute name")
		}
		return atom(collect(list.s, "$sl_v", "", "$sl_v."+fieldName(name)), kList), nil
	}
	if len(n.Args) == 0 || len(n.Kwargs) > 0 {
		return out{}, t.fail(n, "{% $map(list, function($v) { $v.field }) %}", "map() takes a filter name or attribute='name'")
	}
	name, ok := literalName(n.Args[0])
	spec, known := funcs[name]
	if !ok || !known {
		return out{}, t.fail(n, "{% $map(list, function($v) { $v.field }) %}", "map() needs the literal name of a supported filter")
	}
	param := t.lambdaParam("$sl_m")
	args := []out{atom(param, kAny)}
	for _, a := range n.Args[1:] {
		o, err := t.node(a)
		if err != nil {
			return out{}, err
		}
		args = append(args, o)
	}
	if len(args) < spec.min || spec.max >= 0 && len(args) > spec.max {
		return out{}, t.fail(n, "", "map(): filter %s takes %s arguments, got %d", name, spec.arity(), len(args))
	}
	return atom(collect(list.s, param, "", spec.f(args).s), kList), nil
}

// yaqlIterators are the YAQL functions returning iterators, which YAQL's
// list(...) unpacks; other values (lists among them) become one element.
var yaqlIterators = []string{"select", "where", "skip", "take", "limit", "selectMany", "orderBy", "orderByDescending", "keys", "values", "items", "range"}

// listCall translates YAQL's list(a, b, ...): the arguments as a list,
// those that are iterators (select(), keys(), range(), ...) unpacked.
func (t *translator) listCall(n *Call) (out, error) {
	if len(n.Kwargs) > 0 {
		return out{}, t.fail(n, "", "list() takes no named arguments")
	}
	parts := make([]string, len(n.Args))
	for i, a := range n.Args {
		o, err := t.node(a)
		if err != nil {
			return out{}, err
		}
		c, isCall := a.(*Call)
		switch {
		case isCall && slices.Contains(yaqlIterators, c.Name):
			parts[i] = "(" + o.s + ")" // a block: the constructor splices it in
		case o.kind != kAny && o.kind != kList:
			parts[i] = o.wrap(precCond + 1)
		default:
			parts[i] = "($sl_e := " + o.s + "; $type($sl_e) = 'array' ? [[$sl_e]] : $exists($sl_e) ? $sl_e : null)"
		}
	}
	return atom("["+strings.Join(parts, ", ")+"]", kList), nil
}

// switchCall translates YAQL's switch(cond => value, ...): the value of
// the first condition that holds, else null.
func (t *translator) switchCall(n *Call) (out, error) {
	if len(n.Args) > 0 || len(n.Kwargs) == 0 {
		return out{}, t.fail(n, "{% cond1 ? value1 : cond2 ? value2 : null %}", "switch() takes condition => value pairs")
	}
	s := "null"
	for i := len(n.Kwargs) - 1; i >= 0; i-- {
		kw := n.Kwargs[i]
		key := kw.Key
		if key == nil { // an identifier before =>, such as true
			key = &Name{At: n.At, Name: kw.Name}
			if v, ok := constant(kw.Name); ok {
				key = &Lit{At: n.At, Value: v}
			}
		}
		c, err := t.node(key)
		if err != nil {
			return out{}, err
		}
		v, err := t.node(kw.Value)
		if err != nil {
			return out{}, err
		}
		s = truthy(c) + " ? " + v.wrap(precCond+1) + " : " + s
	}
	return out{s: s, prec: precCond, kind: kAny}, nil
}
