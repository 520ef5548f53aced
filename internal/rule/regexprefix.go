package rule

import "strings"

// regexLiteralPrefix returns the literal text every string a Python regex
// accepts must start with, when the regex is anchored at the start: by
// "^" for re.search (regex), always for re.match (matchregex). ok is false
// when there is no such prefix (an alternation or flag at the top level,
// multiline mode, a quantified first character, ...).
func regexLiteralPrefix(pattern string, anchored bool) (string, bool) {
	if !anchored {
		rest, cut := strings.CutPrefix(pattern, "^")
		if !cut {
			return "", false
		}
		pattern = rest
	}
	if topLevelAlternation(pattern) {
		return "", false
	}
	var b strings.Builder
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		r, width, ok := literalAt(rs, i)
		if !ok {
			break
		}
		if next := i + width; next < len(rs) && strings.ContainsRune("?*{", rs[next]) {
			break // the character may be absent or repeated
		}
		b.WriteRune(r)
		i += width - 1
	}
	return b.String(), b.Len() > 0
}

// literalAt reads the literal character at i: a plain character or an
// escaped punctuation mark. ok is false for anything with a meaning.
func literalAt(rs []rune, i int) (r rune, width int, ok bool) {
	c := rs[i]
	switch {
	case c == '\\':
		if i+1 < len(rs) && isEscapedLiteral(rs[i+1]) {
			return rs[i+1], 2, true
		}
		return 0, 0, false
	case strings.ContainsRune(".^$*+?{}[]()|", c):
		return 0, 0, false
	}
	return c, 1, true
}

func isEscapedLiteral(r rune) bool {
	return r < 0x80 && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

// topLevelAlternation reports whether the pattern has a "|" outside
// groups and classes, or starts with an inline flag group.
func topLevelAlternation(p string) bool {
	if strings.HasPrefix(p, "(?") {
		return true
	}
	depth, inClass := 0, false
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		switch c := rs[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
			if i+1 < len(rs) && rs[i+1] == ']' {
				i++
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			return true
		}
	}
	return false
}
