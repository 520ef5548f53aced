package path

import (
	"strconv"
	"strings"
)

// requote rewrites the single-quoted strings of a JSONPath ('a b', with \'
// for a quote) as Go double-quoted strings, which is what PaesslerAG's
// scanner reads as multi-character strings, and Jayway's /regex/flags
// literals after =~ as quoted Go regular expressions. Double-quoted strings
// and all other text are kept as they are.
func requote(s string) string {
	if strings.IndexByte(s, '\'') < 0 && !strings.Contains(s, "=~") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			end := i + quotedEnd(s[i:])
			b.WriteString(s[i:end])
			i = end - 1
		case s[i] == '\'':
			text, end := singleQuoted(s, i)
			b.WriteString(strconv.Quote(text))
			i = end - 1
		case s[i] == '/' && afterMatchOperator(s, i):
			re, end := regexLiteral(s, i)
			b.WriteString(re)
			i = end - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// afterMatchOperator reports whether s[i] follows "=~" and blanks, where
// Jayway reads a /regex/ literal.
func afterMatchOperator(s string, i int) bool {
	j := i - 1
	for j >= 0 && s[j] == ' ' {
		j--
	}
	return j >= 1 && s[j-1:j+1] == "=~"
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
