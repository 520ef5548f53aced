package jsonata

import "strings"

// stripComments replaces the /* ... */ comments of a JSONata expression by
// a space, leaving string literals ('...', "...", `...`) alone; the library
// does not accept comments. A comment left open runs to the end.
func stripComments(expr string) string {
	if !strings.Contains(expr, "/*") {
		return expr
	}
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '\'' || c == '"' || c == '`':
			end := literalEnd(expr, i)
			b.WriteString(expr[i:end])
			i = end - 1
		case c == '/' && i+1 < len(expr) && expr[i+1] == '*':
			end := strings.Index(expr[i+2:], "*/")
			if end < 0 {
				return b.String()
			}
			b.WriteByte(' ')
			i += 2 + end + 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// literalEnd returns the offset just past the literal quoted at expr[start].
func literalEnd(expr string, start int) int {
	q := expr[start]
	for i := start + 1; i < len(expr); i++ {
		switch {
		case expr[i] == '\\' && q != '`':
			i++
		case expr[i] == q:
			return i + 1
		}
	}
	return len(expr)
}
