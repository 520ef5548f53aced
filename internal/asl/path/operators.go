package path

import (
	"reflect"
	"strconv"

	"github.com/PaesslerAG/gval"
)

// jaywayOperators are Jayway's named filter operators: in, nin, subsetof,
// anyof, noneof (a value or array against an array literal or path), size
// (length of a string or array) and empty (whether a string or array is
// empty).
var jaywayOperators = gval.NewLanguage(
	gval.JSON(),
	gval.InfixOperator("in", func(a, b any) (any, error) { return contains(b, a), nil }),
	gval.InfixOperator("nin", func(a, b any) (any, error) { return !contains(b, a), nil }),
	gval.InfixOperator("subsetof", func(a, b any) (any, error) { return all(a, b, true), nil }),
	gval.InfixOperator("anyof", func(a, b any) (any, error) { return any1(a, b), nil }),
	gval.InfixOperator("noneof", func(a, b any) (any, error) { return !any1(a, b), nil }),
	gval.InfixOperator("size", func(a, b any) (any, error) { return sizeIs(a, b), nil }),
	gval.InfixOperator("empty", func(a, b any) (any, error) { return emptyIs(a, b), nil }),
	gval.Precedence("nin", 40),
	gval.Precedence("subsetof", 40),
	gval.Precedence("anyof", 40),
	gval.Precedence("noneof", 40),
	gval.Precedence("size", 40),
	gval.Precedence("empty", 40),
)

// contains reports whether the array list holds v.
func contains(list, v any) bool {
	a, ok := list.([]any)
	if !ok {
		return false
	}
	for _, e := range a {
		if reflect.DeepEqual(e, v) {
			return true
		}
	}
	return false
}

// all reports whether every element of the array a is in the array b.
func all(a, b any, _ bool) bool {
	x, ok := a.([]any)
	if !ok {
		return false
	}
	for _, e := range x {
		if !contains(b, e) {
			return false
		}
	}
	return true
}

// any1 reports whether some element of the array a is in the array b.
func any1(a, b any) bool {
	x, ok := a.([]any)
	if !ok {
		return false
	}
	for _, e := range x {
		if contains(b, e) {
			return true
		}
	}
	return false
}

// sizeIs reports whether the string or array a has length n.
func sizeIs(a, n any) bool {
	f, ok := n.(float64)
	if !ok {
		return false
	}
	switch v := a.(type) {
	case string:
		return float64(len([]rune(v))) == f
	case []any:
		return float64(len(v)) == f
	}
	return false
}

// emptyIs reports whether the emptiness of the string or array a is want.
func emptyIs(a, want any) bool {
	w, ok := want.(bool)
	if !ok {
		return false
	}
	switch v := a.(type) {
	case string:
		return (v == "") == w
	case []any:
		return (len(v) == 0) == w
	}
	return false
}

// regexLiteral reads Jayway's /pattern/flags at s[start] and returns it as
// a Go-quoted Go regular expression, flags i, m and s carried over, and the
// offset just past it.
func regexLiteral(s string, start int) (string, int) {
	i := start + 1
	for i < len(s) && s[i] != '/' {
		if s[i] == '\\' {
			i++
		}
		i++
	}
	pattern := s[start+1 : min(i, len(s))]
	i++
	flags := ""
	for i < len(s) && (s[i] == 'i' || s[i] == 'm' || s[i] == 's') {
		flags += string(s[i])
		i++
	}
	if flags != "" {
		pattern = "(?" + flags + ")" + pattern
	}
	return strconv.Quote(pattern), min(i, len(s))
}
