package path

import (
	"strconv"
	"strings"
)

// stepParser reads the definite steps of a reference path.
type stepParser struct {
	src string
	pos int
}

// fail returns a *SyntaxError at the parser's position.
func (p *stepParser) fail(msg string) error {
	return &SyntaxError{Path: p.src, Offset: p.pos, Msg: msg}
}

// steps reads steps until the end of the source.
func (p *stepParser) steps() ([]step, error) {
	var out []step
	for p.pos < len(p.src) {
		s, err := p.step()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// step reads one ".name" or "[...]" step.
func (p *stepParser) step() (step, error) {
	switch p.src[p.pos] {
	case '.':
		p.pos++
		if p.pos < len(p.src) && p.src[p.pos] == '[' { // $.['a'] reads as $['a'], as in Jayway
			p.pos++
			return p.bracket()
		}
		return p.dotName()
	case '[':
		p.pos++
		return p.bracket()
	default:
		return step{}, p.fail("expected '.' or '['")
	}
}

// stopsName reports whether c ends a name in dot notation.
func stopsName(c byte) bool {
	return strings.IndexByte(".[]()'\"*@,:?! \t\r\n", c) >= 0
}

// dotName reads the name after a '.'.
func (p *stepParser) dotName() (step, error) {
	start := p.pos
	for p.pos < len(p.src) && !stopsName(p.src[p.pos]) {
		p.pos++
	}
	if p.pos == start {
		if p.pos < len(p.src) && (p.src[p.pos] == '.' || p.src[p.pos] == '*') {
			return step{}, p.fail("wildcards and deep scans are not allowed in a reference path")
		}
		return step{}, p.fail("expected a field name")
	}
	return step{key: p.src[start:p.pos]}, nil
}

// bracket reads ['name'], ["name"] or [n] after the '['.
func (p *stepParser) bracket() (step, error) {
	p.skipSpaces()
	if p.pos >= len(p.src) {
		return step{}, p.fail("unterminated '['")
	}
	var s step
	var err error
	switch c := p.src[p.pos]; {
	case c == '\'' || c == '"':
		s.key, err = p.quoted(c)
	case c == '-' || (c >= '0' && c <= '9'):
		s.index, err = p.integer()
		s.isIndex = true
	default:
		err = p.fail("only a quoted name or an index is allowed in brackets of a reference path")
	}
	if err != nil {
		return step{}, err
	}
	return s, p.closeBracket()
}

// closeBracket consumes optional spaces and the ']'.
func (p *stepParser) closeBracket() error {
	p.skipSpaces()
	if p.pos >= len(p.src) || p.src[p.pos] != ']' {
		return p.fail("expected ']'")
	}
	p.pos++
	return nil
}

// skipSpaces skips blanks inside brackets.
func (p *stepParser) skipSpaces() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

// quoted reads a string delimited by q. A backslash before q yields q; any
// other backslash is kept as it is, as Step Functions does.
func (p *stepParser) quoted(q byte) (string, error) {
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src) && p.src[p.pos+1] == q:
			b.WriteByte(q)
			p.pos += 2
		case c == q:
			p.pos++
			return b.String(), nil
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return "", p.fail("unterminated quoted name")
}

// integer reads an optionally negative decimal index.
func (p *stepParser) integer() (int, error) {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	n, err := strconv.Atoi(p.src[start:p.pos])
	if err != nil {
		p.pos = start
		return 0, p.fail("expected an array index")
	}
	return n, nil
}
