package expr

import "strings"

// Segment is one piece of a template string: literal Text when Expr is
// false, else an expression Src of Dialect found at byte Offset of the
// template (Offset is where Src begins, after the opening delimiter).
type Segment struct {
	Expr    bool
	Dialect Dialect
	Text    string
	Src     string
	Offset  int
}

// delimiters maps each opening delimiter to its dialect and closing one.
var delimiters = []struct {
	open, close string
	dialect     Dialect
}{
	{"<%", "%>", YAQL},
	{"{{", "}}", Jinja},
	{"{%", "%}", JSONata},
}

// ParseTemplate splits s into literal text and expressions. A string with
// no delimiters is one Text segment. An opening delimiter without its
// closing one is an *Error.
func ParseTemplate(s string) ([]Segment, error) {
	var segs []Segment
	for pos := 0; pos < len(s); {
		i, d := nextOpen(s, pos)
		if i < 0 {
			return append(segs, Segment{Text: s[pos:]}), nil
		}
		if i > pos {
			segs = append(segs, Segment{Text: s[pos:i]})
		}
		start := i + len(d.open)
		end := findClose(s, start, d.close)
		if end < 0 {
			return nil, &Error{Expr: s, Offset: i, Msg: "missing closing " + d.close}
		}
		raw := s[start:end]
		lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\n"))
		segs = append(segs, Segment{Expr: true, Dialect: d.dialect, Src: strings.TrimSpace(raw), Offset: start + lead})
		pos = end + len(d.close)
	}
	return segs, nil
}

// HasExpr reports whether s contains an opening expression delimiter.
func HasExpr(s string) bool {
	i, _ := nextOpen(s, 0)
	return i >= 0
}

// nextOpen finds the earliest opening delimiter at or after pos.
func nextOpen(s string, pos int) (int, struct {
	open, close string
	dialect     Dialect
}) {
	best := -1
	var bd = delimiters[0]
	for _, d := range delimiters {
		if i := strings.Index(s[pos:], d.open); i >= 0 && (best < 0 || pos+i < best) {
			best, bd = pos+i, d
		}
	}
	return best, bd
}

// findClose returns the offset of close after start, skipping quoted
// strings and, for closing delimiters starting with a brace, balanced
// braces; -1 when absent.
func findClose(s string, start int, close string) int {
	depth, braces := 0, close[0] == '}'
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			i = skipQuoted(s, i)
		case depth == 0 && strings.HasPrefix(s[i:], close):
			return i
		case braces && c == '{':
			depth++
		case braces && c == '}' && depth > 0:
			depth--
		}
	}
	return -1
}

// skipQuoted returns the offset of the quote closing the string opened at i
// (len(s)-1 when unterminated, so scanning stops).
func skipQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			return j
		}
	}
	return len(s) - 1
}
