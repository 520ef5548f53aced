package expr

import (
	"fmt"
	"slices"
	"strings"
)

// kind is the statically known type of a translated expression.
type kind int

const (
	kAny kind = iota
	kBool
	kNum
	kStr
	kList
	kDict
	kNull
)

// JSONata operator precedences (higher binds tighter); atoms are precAtom.
const (
	precCond = 10
	precOr   = 25
	precAnd  = 30
	precCmp  = 40
	precAdd  = 50
	precMul  = 60
	precAtom = 100
)

// out is one translated sub-expression.
type out struct {
	s    string
	prec int
	kind kind
}

func atom(s string, k kind) out { return out{s: s, prec: precAtom, kind: k} }

// wrap renders o as an operand that needs at least precedence p.
func (o out) wrap(p int) string {
	if o.prec >= p {
		return o.s
	}
	return "(" + o.s + ")"
}

// Translate translates one expression src of dialect d to JSONata as seen
// from scope s (nil means the zero Scope). Native JSONata is returned as is.
// Errors are *Error values: syntax errors, and constructs with no JSONata
// translation, the latter with a Hint when one can be given.
func Translate(src string, d Dialect, s *Scope) (*Translation, error) {
	if d == JSONata {
		return &Translation{JSONata: src}, nil
	}
	n, err := Parse(src, d)
	if err != nil {
		return nil, err
	}
	return TranslateNode(n, src, s)
}

// TranslateNode translates a parsed expression; src is its text, for errors.
func TranslateNode(n Node, src string, s *Scope) (*Translation, error) {
	if s == nil {
		s = &Scope{}
	}
	t := &translator{src: src, scope: s, res: &Translation{}}
	o, err := t.node(n)
	if err != nil {
		return nil, err
	}
	t.res.JSONata = o.s
	return t.res, nil
}

// translator holds the state of one translation.
type translator struct {
	src    string
	scope  *Scope
	res    *Translation
	lambda []string // JSONata parameters of enclosing select/where lambdas
}

// fail returns an *Error about n.
func (t *translator) fail(n Node, hint, format string, args ...any) error {
	return &Error{Expr: t.src, Offset: n.Pos(), Msg: fmt.Sprintf(format, args...), Hint: hint}
}

func (t *translator) node(n Node) (out, error) {
	switch n := n.(type) {
	case *Lit:
		return literal(n.Value), nil
	case *ListLit:
		return t.list(n)
	case *DictLit:
		return t.dict(n)
	case *Name:
		return t.name(n)
	case *Root:
		return t.root(n)
	case *Var:
		return out{}, t.fail(n, "", "YAQL variable $%s is not supported; use ctx().%s", n.Name, n.Name)
	case *Attr:
		return t.attr(n)
	case *Index:
		return t.index(n)
	case *Call:
		return t.call(n)
	case *Unary:
		return t.unary(n)
	case *Binary:
		return t.binary(n)
	case *Cond:
		return t.cond(n)
	case *Test:
		return t.test(n)
	}
	return out{}, &Error{Expr: t.src, Offset: -1, Msg: fmt.Sprintf("unknown node %T", n)}
}

func literal(v any) out {
	switch v := v.(type) {
	case string:
		return atom(quote(v), kStr)
	case bool:
		return atom(fmt.Sprint(v), kBool)
	case int64, float64:
		return atom(number(v), kNum)
	}
	return atom("null", kNull)
}

// list translates a list literal. JSONata flattens an element that
// evaluates to an array unless the element is itself an array constructor.
func (t *translator) list(n *ListLit) (out, error) {
	parts, err := t.all(n.Elems)
	if err != nil {
		return out{}, err
	}
	return atom("["+strings.Join(parts, ", ")+"]", kList), nil
}

func (t *translator) all(ns []Node) ([]string, error) {
	parts := make([]string, len(ns))
	for i, e := range ns {
		o, err := t.node(e)
		if err != nil {
			return nil, err
		}
		parts[i] = o.wrap(precCond + 1)
	}
	return parts, nil
}

func (t *translator) dict(n *DictLit) (out, error) {
	keys, err := t.all(n.Keys)
	if err != nil {
		return out{}, err
	}
	vals, err := t.all(n.Values)
	if err != nil {
		return out{}, err
	}
	parts := make([]string, len(keys))
	for i := range keys {
		parts[i] = keys[i] + ": " + vals[i]
	}
	return atom("{"+strings.Join(parts, ", ")+"}", kDict), nil
}

// name translates a bare identifier through Scope.Names.
func (t *translator) name(n *Name) (out, error) {
	if t.scope.Names != nil {
		if s, ok := t.scope.Names(n.Name); ok {
			return atom(s, kAny), nil
		}
	}
	return out{}, t.fail(n, "", "undefined name %q; use ctx().%s for a workflow variable", n.Name, n.Name)
}

// root translates YAQL's $: the lambda element, or the whole context.
func (t *translator) root(n *Root) (out, error) {
	if len(t.lambda) > 0 {
		return atom(t.lambda[len(t.lambda)-1], kAny), nil
	}
	return t.ctxObject(), nil
}

// rename applies Scope.Rename to a variable name.
func (t *translator) rename(name string) string {
	if t.scope.Rename == nil {
		return name
	}
	return t.scope.Rename(name)
}

// ctxObject builds an object of every known context variable.
func (t *translator) ctxObject() out {
	parts := make([]string, 0, len(t.scope.Vars))
	for _, v := range t.scope.Vars {
		if vn, ok := VarName(v); ok {
			parts = append(parts, quote(v)+": $"+t.rename(vn))
		}
	}
	return atom("{"+strings.Join(parts, ", ")+"}", kDict)
}

// ctxVar translates a reference to context variable name.
func (t *translator) ctxVar(n Node, name string) (out, error) {
	vn, ok := VarName(name)
	if !ok {
		return out{}, t.fail(n, "", "context variable %q is not an identifier", name)
	}
	if t.scope.CheckVars && !slices.Contains(t.scope.Vars, name) {
		return out{}, t.fail(n, "", "undefined context variable %q", name)
	}
	return atom("$"+t.rename(vn), kAny), nil
}

// isCtx reports whether n is ctx() or YAQL's $ outside a lambda: the whole
// context.
func (t *translator) isCtx(n Node) bool {
	switch n := n.(type) {
	case *Call:
		return n.Name == "ctx" && n.Recv == nil && len(n.Args) == 0 && len(n.Kwargs) == 0
	case *Root:
		return len(t.lambda) == 0
	}
	return false
}

func (t *translator) attr(n *Attr) (out, error) {
	if scope, ok := n.X.(*Attr); ok {
		if name, ok := scope.X.(*Name); ok && name.Name == "st2kv" {
			return t.kvLookup(quote(scope.Name+"."+n.Name), "false"), nil
		}
	}
	if t.isCtx(n.X) {
		return t.ctxVar(n, n.Name)
	}
	if c, ok := n.X.(*Call); ok && c.Name == "task" && c.Recv == nil && len(c.Args) == 0 && n.Name == "task_name" {
		return atom(quote(t.scope.Task), kStr), nil
	}
	x, err := t.node(n.X)
	if err != nil {
		return out{}, err
	}
	return atom(x.wrap(precAtom)+"."+fieldName(n.Name), kAny), nil
}

func (t *translator) index(n *Index) (out, error) {
	if l, ok := n.Index.(*Lit); ok {
		if s, ok := l.Value.(string); ok {
			return t.attr(&Attr{At: n.At, X: n.X, Name: s})
		}
	}
	x, err := t.node(n.X)
	if err != nil {
		return out{}, err
	}
	i, err := t.node(n.Index)
	if err != nil {
		return out{}, err
	}
	if i.kind == kNum {
		return atom(x.wrap(precAtom)+"["+i.s+"]", kAny), nil
	}
	if i.kind == kStr {
		return atom("$lookup("+x.s+", "+i.s+")", kAny), nil
	}
	return atom("($sl_c := "+x.s+"; $sl_i := "+i.s+"; $type($sl_i) = 'number' ? $sl_c[$sl_i] : $lookup($sl_c, $sl_i))", kAny), nil
}
