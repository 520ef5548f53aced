package expr

import (
	"fmt"
	"strings"
)

// tokKind classifies a token.
type tokKind int

const (
	tokEOF tokKind = iota
	tokNum
	tokStr
	tokIdent
	tokVar  // $name (YAQL)
	tokRoot // $ alone (YAQL)
	tokOp   // operators and punctuation
)

// token is one lexical token with its byte offset in the expression.
type token struct {
	kind tokKind
	text string // identifier, operator, number text, or decoded string
	pos  int
}

// operators lists multi-character operators before their prefixes.
var operators = []string{"==", "!=", "<=", ">=", "=>", "//", "**", "<", ">", "=", "+", "-", "*", "/", "%", "~", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "?"}

// lex splits src into tokens, ending with a tokEOF.
func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; ; {
		i = skipSpace(src, i)
		if i >= len(src) {
			return append(toks, token{kind: tokEOF, pos: i}), nil
		}
		t, n, err := lexOne(src, i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		i = n
	}
}

func skipSpace(src string, i int) int {
	for i < len(src) && strings.ContainsRune(" \t\r\n", rune(src[i])) {
		i++
	}
	return i
}

// lexOne reads the token starting at i and returns it with the offset after it.
func lexOne(src string, i int) (token, int, error) {
	c := src[i]
	switch {
	case isDigit(c):
		return lexNumber(src, i)
	case c == '\'' || c == '"':
		return lexString(src, i)
	case isIdentStart(c):
		n := identEnd(src, i)
		return token{kind: tokIdent, text: src[i:n], pos: i}, n, nil
	case c == '$':
		n := identEnd(src, i+1)
		if n == i+1 {
			return token{kind: tokRoot, text: "$", pos: i}, n, nil
		}
		return token{kind: tokVar, text: src[i+1 : n], pos: i}, n, nil
	}
	for _, op := range operators {
		if strings.HasPrefix(src[i:], op) {
			return token{kind: tokOp, text: op, pos: i}, i + len(op), nil
		}
	}
	return token{}, 0, &Error{Expr: src, Offset: i, Msg: fmt.Sprintf("unexpected character %q", c)}
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentChar(c byte) bool  { return isIdentStart(c) || isDigit(c) }

func identEnd(src string, i int) int {
	for i < len(src) && isIdentChar(src[i]) {
		i++
	}
	return i
}

// lexNumber reads an integer or a decimal number with an optional exponent.
func lexNumber(src string, i int) (token, int, error) {
	n := i
	for n < len(src) && isDigit(src[n]) {
		n++
	}
	if n+1 < len(src) && src[n] == '.' && isDigit(src[n+1]) {
		n++
		for n < len(src) && isDigit(src[n]) {
			n++
		}
	}
	if n < len(src) && (src[n] == 'e' || src[n] == 'E') {
		m := n + 1
		if m < len(src) && (src[m] == '+' || src[m] == '-') {
			m++
		}
		if m < len(src) && isDigit(src[m]) {
			for n = m; n < len(src) && isDigit(src[n]); n++ {
			}
		}
	}
	return token{kind: tokNum, text: src[i:n], pos: i}, n, nil
}

// lexString reads a quoted string with Python's common backslash escapes.
func lexString(src string, i int) (token, int, error) {
	quote := src[i]
	var b strings.Builder
	for n := i + 1; n < len(src); n++ {
		c := src[n]
		switch {
		case c == quote:
			return token{kind: tokStr, text: b.String(), pos: i}, n + 1, nil
		case c == '\\' && n+1 < len(src):
			n++
			b.WriteString(unescape(src[n]))
		default:
			b.WriteByte(c)
		}
	}
	return token{}, 0, &Error{Expr: src, Offset: i, Msg: "unterminated string"}
}

func unescape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case '\\', '\'', '"':
		return string(c)
	}
	return "\\" + string(c)
}
