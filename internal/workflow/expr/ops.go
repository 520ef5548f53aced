package expr

// unary translates "not X" and "-X".
func (t *translator) unary(n *Unary) (out, error) {
	x, err := t.node(n.X)
	if err != nil {
		return out{}, err
	}
	if n.Op == "not" {
		return atom("$not("+x.s+")", kBool), nil
	}
	return out{s: "-" + x.wrap(precAtom), prec: precMul + 1, kind: kNum}, nil
}

// cmpOps maps comparison operators to JSONata.
var cmpOps = map[string]string{"==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

// arithOps maps numeric operators to JSONata.
var arithOps = map[string]struct {
	op   string
	prec int
}{"-": {"-", precAdd}, "*": {"*", precMul}, "/": {"/", precMul}, "%": {"%", precMul}}

func (t *translator) binary(n *Binary) (out, error) {
	if lit, ok := n.L.(*Lit); ok && n.Op == "%" {
		if f, ok := lit.Value.(string); ok {
			return t.percent(n, f)
		}
	}
	l, err := t.node(n.L)
	if err != nil {
		return out{}, err
	}
	r, err := t.node(n.R)
	if err != nil {
		return out{}, err
	}
	if op, ok := cmpOps[n.Op]; ok {
		return compare(l, op, r), nil
	}
	if a, ok := arithOps[n.Op]; ok {
		return infix(l, a.op, r, a.prec, kNum), nil
	}
	switch n.Op {
	case "and", "or":
		return logical(n.Op, l, r), nil
	case "in":
		return membership(l, r), nil
	case "not in":
		return atom("$not("+membership(l, r).s+")", kBool), nil
	case "~":
		return infix(l, "&", r, precAdd, kStr), nil
	case "+":
		return plus(l, r), nil
	case "//":
		return atom("$floor("+infix(l, "/", r, precMul, kNum).s+")", kNum), nil
	case "**":
		return atom("$power("+l.s+", "+r.s+")", kNum), nil
	}
	return out{}, t.fail(n, "", "unsupported operator %q", n.Op)
}

// compare renders l op r. A comparison with null tests the type instead:
// the interpreter's JSONata finds a null lambda argument unequal to null.
func compare(l out, op string, r out) out {
	switch {
	case (op == "=" || op == "!=") && r.kind == kNull && l.kind != kNull:
		return out{s: "$type(" + l.s + ") " + op + " 'null'", prec: precCmp, kind: kBool}
	case (op == "=" || op == "!=") && l.kind == kNull && r.kind != kNull:
		return out{s: "$type(" + r.s + ") " + op + " 'null'", prec: precCmp, kind: kBool}
	}
	return infix(l, op, r, precCmp, kBool)
}

// infix renders l op r for a left-associative operator of precedence p.
func infix(l out, op string, r out, p int, k kind) out {
	return out{s: l.wrap(p) + " " + op + " " + r.wrap(p+1), prec: p, kind: k}
}

// logical keeps Python's and/or semantics: the result is an operand, not
// necessarily a boolean. With two boolean operands it is plain JSONata.
func logical(op string, l, r out) out {
	if l.kind == kBool && r.kind == kBool {
		p := precAnd
		if op == "or" {
			p = precOr
		}
		return infix(l, op, r, p, kBool)
	}
	if op == "or" {
		return atom("($sl_l := "+l.s+"; $boolean($sl_l) ? $sl_l : "+r.s+")", kAny)
	}
	return atom("($sl_l := "+l.s+"; $boolean($sl_l) ? "+r.s+" : $sl_l)", kAny)
}

// membership renders Python's "l in r" for lists, strings and dicts.
func membership(l, r out) out {
	switch r.kind {
	case kList:
		return infix(l, "in", r, precCmp, kBool)
	case kStr:
		return atom("$contains("+r.s+", "+l.s+")", kBool)
	case kDict:
		return infix(l, "in", atom("$keys("+r.s+")", kList), precCmp, kBool)
	}
	return atom("($sl_r := "+r.s+"; $type($sl_r) = 'string' ? $contains($sl_r, "+l.s+") : "+
		"$type($sl_r) = 'object' ? "+l.wrap(precCmp+1)+" in $keys($sl_r) : "+l.wrap(precCmp+1)+" in $sl_r)", kBool)
}

// plus renders Python's +: numbers add, strings concatenate, lists append.
func plus(l, r out) out {
	switch {
	case l.kind == kNum || r.kind == kNum:
		return infix(l, "+", r, precAdd, kNum)
	case l.kind == kStr || r.kind == kStr:
		return infix(l, "&", r, precAdd, kStr)
	case l.kind == kList || r.kind == kList:
		return atom("$append("+l.s+", "+r.s+")", kList)
	}
	return atom("($sl_a := "+l.s+"; $sl_b := "+r.s+"; $type($sl_a) = 'number' ? $sl_a + $sl_b : "+
		"$type($sl_a) = 'string' ? $sl_a & $sl_b : $append($sl_a, $sl_b))", kAny)
}

// cond translates Jinja's "a if c else b".
func (t *translator) cond(n *Cond) (out, error) {
	c, err := t.node(n.Cond)
	if err != nil {
		return out{}, err
	}
	a, err := t.node(n.Then)
	if err != nil {
		return out{}, err
	}
	b := atom("null", kNull)
	if n.Else != nil {
		if b, err = t.node(n.Else); err != nil {
			return out{}, err
		}
	}
	cs := c.s
	if c.kind != kBool {
		cs = "$boolean(" + c.s + ")"
	}
	return out{s: cs + " ? " + a.wrap(precCond+1) + " : " + b.wrap(precCond), prec: precCond, kind: kAny}, nil
}

// tests maps Jinja tests to JSONata over $sl_t.
var tests = map[string]string{
	"defined":  "$exists(%s)",
	"none":     "$type(%s) = 'null'",
	"string":   "$type(%s) = 'string'",
	"number":   "$type(%s) = 'number'",
	"mapping":  "$type(%s) = 'object'",
	"sequence": "$type(%s) in ['array', 'string']",
	"iterable": "$type(%s) in ['array', 'string', 'object']",
	"boolean":  "$type(%s) = 'boolean'",
	"true":     "%s = true",
	"false":    "%s = false",
}

func (t *translator) test(n *Test) (out, error) {
	f, ok := tests[n.Name]
	if n.Name == "undefined" {
		f, ok, n.Not = tests["defined"], true, !n.Not
	}
	if !ok {
		return out{}, t.fail(n, "", "unsupported test %q", n.Name)
	}
	x, err := t.node(n.X)
	if err != nil {
		return out{}, err
	}
	s := sprintf(f, x.wrap(precCmp+1))
	if n.Not {
		return atom("$not("+s+")", kBool), nil
	}
	return out{s: s, prec: precCmp, kind: kBool}, nil
}
