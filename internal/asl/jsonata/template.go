package jsonata

import "strings"

// IsTemplate reports whether s is a JSONata template string of the Amazon
// States Language: it starts with "{%" and ends with "%}", with no space
// outside the delimiters.
func IsTemplate(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// ParseTemplate compiles the expression inside a "{% expr %}" template
// string (see Compile). It fails with a *SyntaxError when s is not a
// template or the expression does not parse.
func ParseTemplate(s string) (*Expr, error) {
	if !IsTemplate(s) {
		return nil, &SyntaxError{Expr: s, Code: "S0201", Message: `a JSONata template must start with "{%" and end with "%}"`}
	}
	return Compile(strings.TrimSpace(s[2 : len(s)-2]))
}
