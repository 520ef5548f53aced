package path

import (
	"strconv"
	"strings"
)

// requote rewrites the single-quoted strings of a JSONPath ('a b', with \'
// for a quote) as Go double-quoted strings, which is what PaesslerAG's
// scanner reads as multi-character strings. Double-quoted strings and all
// other text are kept as they are.
func requote(s string) string {
	if strings.IndexByte(s, '\'') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			end := i + quotedEnd(s[i:])
			b.WriteString(s[i:end])
			i = end - 1
		case '\'':
			text, end := singleQuoted(s, i)
			b.WriteString(strconv.Quote(text))
			i = end - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// singleQuoted reads the single-quoted string at s[start] and returns its
// text and the offset just past it. A backslash before a quote yields the
// quote; other backslashes are kept.
func singleQuoted(s string, start int) (string, int) {
	var b strings.Builder
	for i := start + 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case s[i] == '\'':
			return b.String(), i + 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), len(s)
}

// dropDotBeforeBracket rewrites ".[" as "[" outside quoted strings, as
// Jayway reads $.[?(...)] like $[?(...)]; a deep scan "..[" is kept.
func dropDotBeforeBracket(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\'':
			end := i + quotedEnd(s[i:])
			if c == '\'' {
				_, end = singleQuoted(s, i)
			}
			b.WriteString(s[i:end])
			i = end - 1
		case c == '.' && i+1 < len(s) && s[i+1] == '[' && (i == 0 || s[i-1] != '.'):
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
