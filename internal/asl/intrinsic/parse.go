package intrinsic

import (
	"strconv"
	"strings"
)

// maxCalls is how many calls one expression may hold, as Step Functions
// allows.
const maxCalls = 10

// IsCall reports whether s has the shape of an intrinsic call: "States."
// followed by a name and "(". It does not validate the call; Parse does.
// The interpreter uses it to tell a "key.$" intrinsic from a path.
func IsCall(s string) bool {
	s = strings.TrimLeft(s, " \t\r\n")
	if !strings.HasPrefix(s, "States.") {
		return false
	}
	rest := strings.TrimLeft(s[len("States."):], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
	return strings.HasPrefix(strings.TrimLeft(rest, " \t"), "(")
}

// Parse parses s, a call such as "States.Format('{}', $.a)", checking the
// function names, the number of arguments of each function and the string
// escapes. It fails with a *SyntaxError.
func Parse(s string) (*Call, error) {
	p := parser{src: s}
	p.skipSpaces()
	c, err := p.call()
	if err != nil {
		return nil, err
	}
	p.skipSpaces()
	if p.pos != len(s) {
		return nil, p.fail("unexpected text after the call")
	}
	return c, nil
}

// parser reads one expression.
type parser struct {
	src   string
	pos   int
	calls int
}

// fail returns a *SyntaxError at the current position.
func (p *parser) fail(msg string) error {
	return &SyntaxError{Expr: p.src, Offset: p.pos, Msg: msg}
}

// skipSpaces skips blanks between tokens.
func (p *parser) skipSpaces() {
	for p.pos < len(p.src) && strings.IndexByte(" \t\r\n", p.src[p.pos]) >= 0 {
		p.pos++
	}
}

// peek returns the next byte, or 0 at the end.
func (p *parser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// word reads a run of letters and digits.
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.src) && isWordByte(p.src[p.pos]) {
		p.pos++
	}
	return p.src[start:p.pos]
}

// isWordByte reports whether c can be part of a name.
func isWordByte(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// call reads "States.Name(args)".
func (p *parser) call() (*Call, error) {
	start := p.pos
	if !strings.HasPrefix(p.src[p.pos:], "States.") {
		return nil, p.fail("expected an intrinsic function (States.Name)")
	}
	p.pos += len("States.")
	name := "States." + p.word()
	fn, ok := functions[name]
	if !ok {
		p.pos = start
		return nil, p.fail("unknown intrinsic function " + name)
	}
	if p.calls++; p.calls > maxCalls {
		return nil, p.fail("more than 10 intrinsic functions in one expression")
	}
	args, err := p.arguments()
	if err != nil {
		return nil, err
	}
	if len(args) < fn.minArgs || (fn.maxArgs >= 0 && len(args) > fn.maxArgs) {
		return nil, p.fail(arityMessage(name, fn, len(args)))
	}
	return &Call{src: p.src[start:p.pos], name: name, fn: fn, args: args}, nil
}

// arguments reads "(arg, ...)".
func (p *parser) arguments() ([]arg, error) {
	p.skipSpaces()
	if p.peek() != '(' {
		return nil, p.fail("expected '('")
	}
	p.pos++
	p.skipSpaces()
	var args []arg
	if p.peek() == ')' {
		p.pos++
		return args, nil
	}
	for {
		a, err := p.arg()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		p.skipSpaces()
		switch p.peek() {
		case ',':
			p.pos++
			p.skipSpaces()
		case ')':
			p.pos++
			return args, nil
		default:
			return nil, p.fail("expected ',' or ')'")
		}
	}
}

// arg reads one argument.
func (p *parser) arg() (arg, error) {
	switch c := p.peek(); {
	case c == '\'':
		return p.stringLiteral()
	case c == '$':
		return arg{kind: pathArg, path: p.path()}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case strings.HasPrefix(p.src[p.pos:], "States."):
		call, err := p.call()
		return arg{kind: callArg, call: call}, err
	default:
		return p.keyword()
	}
}

// keyword reads true, false or null.
func (p *parser) keyword() (arg, error) {
	start := p.pos
	switch p.word() {
	case "true":
		return arg{kind: literalArg, value: true}, nil
	case "false":
		return arg{kind: literalArg, value: false}, nil
	case "null":
		return arg{kind: literalArg, value: nil}, nil
	}
	p.pos = start
	return arg{}, p.fail("expected a string, a number, true, false, null, a path or an intrinsic function")
}

// number reads a numeric literal.
func (p *parser) number() (arg, error) {
	start := p.pos
	p.pos++
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		prev := p.src[p.pos-1]
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' ||
			(c == '+' || c == '-') && (prev == 'e' || prev == 'E')) {
			break
		}
		p.pos++
	}
	f, err := strconv.ParseFloat(p.src[start:p.pos], 64)
	if err != nil {
		p.pos = start
		return arg{}, p.fail("invalid number")
	}
	return arg{kind: literalArg, value: f}, nil
}

// path reads a JSONPath argument up to the ',' or ')' that ends it,
// skipping brackets, parentheses and quoted strings inside it.
func (p *parser) path() string {
	start := p.pos
	depth := 0
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\'' || c == '"':
			p.skipQuoted(c)
			continue
		case c == '[' || c == '(':
			depth++
		case (c == ']' || c == ')') && depth > 0:
			depth--
		case (c == ',' || c == ')') && depth == 0:
			return strings.TrimRight(p.src[start:p.pos], " \t\r\n")
		}
		p.pos++
	}
	return strings.TrimRight(p.src[start:p.pos], " \t\r\n")
}

// skipQuoted moves past the string quoted by q at the current position.
func (p *parser) skipQuoted(q byte) {
	for p.pos++; p.pos < len(p.src); p.pos++ {
		switch p.src[p.pos] {
		case '\\':
			p.pos++
		case q:
			p.pos++
			return
		}
	}
	p.pos = min(p.pos, len(p.src))
}

// stringLiteral reads a single-quoted string, checking its escapes.
func (p *parser) stringLiteral() (arg, error) {
	p.pos++
	start := p.pos
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\'':
			raw := p.src[start:p.pos]
			p.pos++
			return arg{kind: literalArg, value: b.String(), raw: raw, isString: true}, nil
		case c == '\\':
			if p.pos+1 >= len(p.src) || strings.IndexByte(`'{}\`, p.src[p.pos+1]) < 0 {
				return arg{}, p.fail(`invalid escape sequence in a string literal: only \' \{ \} and \\ are allowed`)
			}
			b.WriteByte(p.src[p.pos+1])
			p.pos += 2
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return arg{}, p.fail("unterminated string literal")
}
