package expr

import (
	"fmt"
	"strconv"
)

// Dialect is the expression language of one expression.
type Dialect int

const (
	// YAQL is an expression written between <% %>.
	YAQL Dialect = iota
	// Jinja is an expression written between {{ }}.
	Jinja
	// JSONata is a native JSONata expression written between {% %}; it is not
	// parsed here and passes through translation unchanged.
	JSONata
)

// String returns the dialect's name.
func (d Dialect) String() string {
	return [...]string{"YAQL", "Jinja", "JSONata"}[d]
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 100

// Parse parses src, one expression of dialect d without its delimiters. It
// returns an *Error for a syntax error and never panics. JSONata is not
// parsed: Parse returns an error for it.
func Parse(src string, d Dialect) (Node, error) {
	if d == JSONata {
		return nil, &Error{Expr: src, Offset: -1, Msg: "native JSONata is not parsed"}
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks, dialect: d}
	n, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, p.errAt(t, fmt.Sprintf("unexpected %s", describe(t)))
	}
	return n, nil
}

// parser is a recursive-descent parser over a token slice.
type parser struct {
	src     string
	toks    []token
	i       int
	dialect Dialect
	depth   int
}

func (p *parser) peek() token { return p.toks[p.i] }

// peekAt returns the token k places ahead, or the final tokEOF.
func (p *parser) peekAt(k int) token {
	if p.i+k >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[p.i+k]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

// isOp reports whether the next token is operator op.
func (p *parser) isOp(op string) bool {
	t := p.peek()
	return t.kind == tokOp && t.text == op
}

// isWord reports whether the next token is the keyword w.
func (p *parser) isWord(w string) bool {
	t := p.peek()
	return t.kind == tokIdent && t.text == w
}

func (p *parser) expectOp(op string) error {
	if !p.isOp(op) {
		t := p.peek()
		return p.errAt(t, fmt.Sprintf("expected %q, found %s", op, describe(t)))
	}
	p.next()
	return nil
}

func (p *parser) errAt(t token, msg string) *Error {
	return &Error{Expr: p.src, Offset: t.pos, Msg: msg}
}

func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of expression"
	case tokStr:
		return strconv.Quote(t.text)
	case tokVar:
		return "$" + t.text
	}
	return fmt.Sprintf("%q", t.text)
}

// parseExpr parses a full expression, Jinja's conditional included.
func (p *parser) parseExpr() (Node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.errAt(p.peek(), "expression nested too deeply")
	}
	n, err := p.parseOr()
	if err != nil || !p.isWord("if") {
		return n, err
	}
	at := p.next().pos
	c := &Cond{At: at, Then: n}
	if c.Cond, err = p.parseOr(); err != nil {
		return nil, err
	}
	if p.isWord("else") {
		p.next()
		if c.Else, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// binaryLevel parses a left-associative chain of operators produced by match
// over operands parsed by sub.
func (p *parser) binaryLevel(sub func() (Node, error), match func() (string, bool)) (Node, error) {
	l, err := sub()
	if err != nil {
		return nil, err
	}
	for {
		op, ok := match()
		if !ok {
			return l, nil
		}
		at := p.next().pos
		if op == "not in" {
			p.next()
		}
		r, err := sub()
		if err != nil {
			return nil, err
		}
		l = &Binary{At: at, Op: op, L: l, R: r}
	}
}

func (p *parser) parseOr() (Node, error) {
	return p.binaryLevel(p.parseAnd, p.word("or"))
}

func (p *parser) parseAnd() (Node, error) {
	return p.binaryLevel(p.parseNot, p.word("and"))
}

// word returns a matcher for the keyword w.
func (p *parser) word(w string) func() (string, bool) {
	return func() (string, bool) { return w, p.isWord(w) }
}

func (p *parser) parseNot() (Node, error) {
	if !p.isWord("not") {
		return p.parseCompare()
	}
	at := p.next().pos
	x, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	return &Unary{At: at, Op: "not", X: x}, nil
}

func (p *parser) parseCompare() (Node, error) {
	l, err := p.binaryLevel(p.parseAdd, p.compareOp)
	if err != nil || !p.isWord("is") {
		return l, err
	}
	return p.parseTest(l)
}

// compareOp matches a comparison operator, normalising YAQL's = to ==.
func (p *parser) compareOp() (string, bool) {
	t := p.peek()
	switch {
	case t.kind == tokOp && (t.text == "==" || t.text == "!=" || t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">="):
		return t.text, true
	case t.kind == tokOp && t.text == "=":
		return "==", true
	case t.kind == tokIdent && t.text == "in":
		return "in", true
	case t.kind == tokIdent && t.text == "not" && p.peekAt(1).kind == tokIdent && p.peekAt(1).text == "in":
		return "not in", true
	}
	return "", false
}

// parseTest parses Jinja's "is [not] name" after x.
func (p *parser) parseTest(x Node) (Node, error) {
	at := p.next().pos
	t := &Test{At: at, X: x}
	if p.isWord("not") {
		p.next()
		t.Not = true
	}
	name := p.next()
	if name.kind != tokIdent {
		return nil, p.errAt(name, fmt.Sprintf("expected a test name after \"is\", found %s", describe(name)))
	}
	t.Name = name.text
	return t, nil
}

func (p *parser) parseAdd() (Node, error) {
	return p.binaryLevel(p.parseMul, func() (string, bool) {
		t := p.peek()
		ok := t.kind == tokOp && (t.text == "+" || t.text == "-" || t.text == "~")
		return t.text, ok
	})
}

func (p *parser) parseMul() (Node, error) {
	return p.binaryLevel(p.parseUnary, func() (string, bool) {
		t := p.peek()
		if t.kind == tokIdent && t.text == "mod" && p.dialect == YAQL {
			return "%", true
		}
		ok := t.kind == tokOp && (t.text == "*" || t.text == "/" || t.text == "//" || t.text == "%")
		return t.text, ok
	})
}

func (p *parser) parseUnary() (Node, error) {
	if !p.isOp("-") && !p.isOp("+") {
		return p.parsePower()
	}
	t := p.next()
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.errAt(t, "expression nested too deeply")
	}
	x, err := p.parseUnary()
	if err != nil || t.text == "+" {
		return x, err
	}
	return &Unary{At: t.pos, Op: "-", X: x}, nil
}

func (p *parser) parsePower() (Node, error) {
	l, err := p.parsePostfix()
	if err != nil || !p.isOp("**") {
		return l, err
	}
	at := p.next().pos
	r, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	return &Binary{At: at, Op: "**", L: l, R: r}, nil
}
