package expr

import (
	"fmt"
	"strconv"
	"strings"
)

// parsePostfix parses a primary followed by .name, .name(args), [index] and
// (Jinja) | filter(args).
func (p *parser) parsePostfix() (Node, error) {
	x, err := p.parsePrimary()
	for err == nil {
		switch {
		case p.isOp("."):
			x, err = p.parseDot(x)
		case p.isOp("["):
			x, err = p.parseIndex(x)
		case p.isOp("|") && p.dialect == Jinja:
			x, err = p.parseFilter(x)
		default:
			return x, nil
		}
	}
	return nil, err
}

func (p *parser) parseDot(x Node) (Node, error) {
	p.next()
	name := p.next()
	if name.kind != tokIdent && name.kind != tokNum {
		return nil, p.errAt(name, fmt.Sprintf("expected a name after \".\", found %s", describe(name)))
	}
	if name.kind == tokNum { // Jinja's list.0
		return &Index{At: name.pos, X: x, Index: numberLit(name)}, nil
	}
	if !p.isOp("(") {
		return &Attr{At: name.pos, X: x, Name: name.text}, nil
	}
	c := &Call{At: name.pos, Name: name.text, Recv: x}
	return c, p.parseArgs(c)
}

func (p *parser) parseIndex(x Node) (Node, error) {
	at := p.next().pos
	i, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	return &Index{At: at, X: x, Index: i}, p.expectOp("]")
}

func (p *parser) parseFilter(x Node) (Node, error) {
	p.next()
	name := p.next()
	if name.kind != tokIdent {
		return nil, p.errAt(name, fmt.Sprintf("expected a filter name after \"|\", found %s", describe(name)))
	}
	c := &Call{At: name.pos, Name: name.text, Recv: x, Filter: true}
	if !p.isOp("(") {
		return c, nil
	}
	return c, p.parseArgs(c)
}

// parseArgs parses a parenthesised argument list into c.
func (p *parser) parseArgs(c *Call) error {
	p.next()
	for !p.isOp(")") {
		if err := p.parseArg(c); err != nil {
			return err
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	return p.expectOp(")")
}

// parseArg parses one positional or named argument.
func (p *parser) parseArg(c *Call) error {
	t, after := p.peek(), p.peekAt(1)
	named := t.kind == tokIdent && after.kind == tokOp &&
		(after.text == "=>" || after.text == "=" && p.dialect == Jinja)
	if named {
		p.i += 2
	}
	v, err := p.parseExpr()
	if err != nil {
		return err
	}
	switch {
	case named:
		c.Kwargs = append(c.Kwargs, Kwarg{Name: t.text, Value: v})
	case p.dialect == YAQL && p.isOp("=>"): // switch(cond => value)
		p.next()
		val, err := p.parseExpr()
		if err != nil {
			return err
		}
		c.Kwargs = append(c.Kwargs, Kwarg{Key: v, Value: val})
	default:
		c.Args = append(c.Args, v)
	}
	return nil
}

func (p *parser) parsePrimary() (Node, error) {
	t := p.peek()
	switch t.kind {
	case tokNum:
		p.next()
		return numberLit(t), nil
	case tokStr:
		p.next()
		return &Lit{At: t.pos, Value: t.text}, nil
	case tokRoot:
		p.next()
		return &Root{At: t.pos}, nil
	case tokVar:
		p.next()
		return &Var{At: t.pos, Name: t.text}, nil
	case tokIdent:
		return p.parseIdent()
	case tokOp:
		return p.parseBracket(t)
	}
	return nil, p.errAt(t, fmt.Sprintf("unexpected %s", describe(t)))
}

// keywords are identifiers that cannot start an operand.
var keywords = map[string]bool{"and": true, "or": true, "in": true, "is": true, "if": true, "else": true}

func (p *parser) parseIdent() (Node, error) {
	t := p.next()
	if v, ok := constant(t.text); ok {
		return &Lit{At: t.pos, Value: v}, nil
	}
	if keywords[t.text] {
		return nil, p.errAt(t, fmt.Sprintf("unexpected %s", describe(t)))
	}
	if !p.isOp("(") {
		return &Name{At: t.pos, Name: t.text}, nil
	}
	c := &Call{At: t.pos, Name: t.text}
	return c, p.parseArgs(c)
}

// constant returns the value of a literal keyword.
func constant(w string) (any, bool) {
	switch w {
	case "true", "True":
		return true, true
	case "false", "False":
		return false, true
	case "null", "None", "none":
		return nil, true
	}
	return nil, false
}

// parseBracket parses (expr), [list] and {dict}.
func (p *parser) parseBracket(t token) (Node, error) {
	switch t.text {
	case "(":
		p.next()
		x, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if p.dialect == Jinja && p.isOp(",") {
			return p.parseTuple(t.pos, x)
		}
		return x, p.expectOp(")")
	case "[":
		return p.parseList()
	case "{":
		return p.parseDict()
	}
	return nil, p.errAt(t, fmt.Sprintf("unexpected %s", describe(t)))
}

// parseTuple parses the rest of Jinja's tuple (x, ...) after its first
// element x.
func (p *parser) parseTuple(at int, x Node) (Node, error) {
	l := &ListLit{At: at, Elems: []Node{x}, Tuple: true}
	for p.isOp(",") {
		p.next()
		if p.isOp(")") {
			break
		}
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		l.Elems = append(l.Elems, e)
	}
	return l, p.expectOp(")")
}

func (p *parser) parseList() (Node, error) {
	l := &ListLit{At: p.next().pos}
	for !p.isOp("]") {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		l.Elems = append(l.Elems, e)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	return l, p.expectOp("]")
}

func (p *parser) parseDict() (Node, error) {
	d := &DictLit{At: p.next().pos}
	for !p.isOp("}") {
		k, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if err := p.expectOp(":"); err != nil {
			return nil, err
		}
		v, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		d.Keys, d.Values = append(d.Keys, k), append(d.Values, v)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	return d, p.expectOp("}")
}

// numberLit converts a number token to an int64 or float64 literal.
func numberLit(t token) *Lit {
	if !strings.ContainsAny(t.text, ".eE") {
		if i, err := strconv.ParseInt(t.text, 10, 64); err == nil {
			return &Lit{At: t.pos, Value: i}
		}
	}
	f, err := strconv.ParseFloat(t.text, 64)
	if err != nil {
		f = 0
	}
	return &Lit{At: t.pos, Value: f}
}
