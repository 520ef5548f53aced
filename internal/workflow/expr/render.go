package expr

import "strings"

// Rendered is a translated template string.
type Rendered struct {
	// JSONata is the expression computing the string's value (without
	// {% %}); for a string without expressions it is empty and Literal
	// holds the string.
	JSONata string
	Literal string
	// Tasks and KV merge what the expressions need (see Translation).
	Tasks []string
	KV    []KVRef
	// Boolean is set when the value is one expression known to be a
	// boolean (a comparison, succeeded(), ...).
	Boolean bool
}

// IsExpr reports whether the template had expressions.
func (r *Rendered) IsExpr() bool { return r.JSONata != "" }

// Value returns the template as a Step Functions JSONata field value: the
// literal string, or "{% expression %}".
func (r *Rendered) Value() string {
	if !r.IsExpr() {
		return r.Literal
	}
	return "{% " + r.JSONata + " %}"
}

// TranslateTemplate translates a string with embedded expressions, as
// StackStorm evaluates it: a string that is exactly one expression takes
// the expression's value, of any type; otherwise the literal text and the
// expressions' values are concatenated as strings.
func TranslateTemplate(s string, scope *Scope) (*Rendered, error) {
	segs, err := ParseTemplate(s)
	if err != nil {
		return nil, err
	}
	r := &Rendered{}
	if len(segs) == 1 && !segs[0].Expr {
		r.Literal = segs[0].Text
		return r, nil
	}
	parts := make([]string, 0, len(segs))
	for _, seg := range segs {
		p, err := r.segment(seg, scope, len(segs) > 1)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	r.JSONata = strings.Join(parts, " & ")
	return r, nil
}

// segment translates one segment; inConcat says it is an operand of &.
func (r *Rendered) segment(seg Segment, scope *Scope, inConcat bool) (string, error) {
	if !seg.Expr {
		return quote(seg.Text), nil
	}
	if seg.Dialect == JSONata {
		if inConcat {
			return "(" + seg.Src + ")", nil
		}
		return seg.Src, nil
	}
	n, err := Parse(seg.Src, seg.Dialect)
	if err != nil {
		return "", err
	}
	t := &translator{src: seg.Src, scope: scopeOrZero(scope), res: &Translation{}}
	o, err := t.node(n)
	if err != nil {
		return "", err
	}
	r.merge(t.res)
	if inConcat && seg.Dialect == Jinja {
		return pythonStr(o), nil
	}
	if inConcat {
		return o.wrap(precAdd + 1), nil
	}
	r.Boolean = o.kind == kBool
	return orNull(o), nil
}

// pythonStr is a Jinja expression's value as Jinja prints it inside text:
// Python's True, False and None where JSONata's & would print true, false
// and null. (Numbers, lists and dicts keep JSONata's form: 1.0 prints as 1
// and a list as JSON.)
func pythonStr(o out) string {
	switch o.kind {
	case kStr, kNum:
		return o.wrap(precAdd + 1)
	case kBool:
		return "(" + o.s + " ? 'True' : 'False')"
	case kNull:
		return "'None'"
	}
	return "($sl_p := " + o.s + "; $type($sl_p) = 'boolean' ? ($sl_p ? 'True' : 'False') : $type($sl_p) = 'null' ? 'None' : $sl_p)"
}

// orNull makes an expression that may yield nothing (a missing key) yield
// null instead, as YAQL and Jinja do: in Step Functions a field whose
// expression yields nothing fails the state.
func orNull(o out) string {
	if o.kind != kAny || IsIdent(strings.TrimPrefix(o.s, "$")) {
		return o.s
	}
	return "($sl_u := " + o.s + "; $exists($sl_u) ? $sl_u : null)"
}

func (r *Rendered) merge(t *Translation) {
	for _, x := range t.Tasks {
		if !contains(r.Tasks, x) {
			r.Tasks = append(r.Tasks, x)
		}
	}
	for _, x := range t.KV {
		if !contains(r.KV, x) {
			r.KV = append(r.KV, x)
		}
	}
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func scopeOrZero(s *Scope) *Scope {
	if s == nil {
		return &Scope{}
	}
	return s
}
