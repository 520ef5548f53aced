package path

import (
	"fmt"
	"regexp"

	"github.com/PaesslerAG/gval"
	"github.com/PaesslerAG/jsonpath"
)

// language is JSONPath with PaesslerAG's placeholder extension (to learn
// each match's wildcard keys, which give the order) and the operators
// filter expressions use. Comparisons are strict, as Jayway's: numbers
// with numbers, strings with strings, anything else is false (gval would
// compare other values as their printed text).
var language = gval.NewLanguage(
	jaywayOperators,
	jsonpath.PlaceholderExtension(),
	gval.PropositionalLogic(),
	gval.InfixNumberOperator("+", func(a, b float64) (any, error) { return a + b, nil }),
	gval.InfixNumberOperator("-", func(a, b float64) (any, error) { return a - b, nil }),
	gval.InfixNumberOperator("*", func(a, b float64) (any, error) { return a * b, nil }),
	gval.InfixNumberOperator("/", func(a, b float64) (any, error) { return a / b, nil }),
	gval.InfixOperator("<", compare(func(c int) bool { return c < 0 })),
	gval.InfixOperator("<=", compare(func(c int) bool { return c <= 0 })),
	gval.InfixOperator(">", compare(func(c int) bool { return c > 0 })),
	gval.InfixOperator(">=", compare(func(c int) bool { return c >= 0 })),
	gval.InfixOperator("=~", matchRegexp),
)

// compare returns a strict comparison operator judging the sign of a
// three-way comparison.
func compare(ok func(int) bool) func(a, b any) (any, error) {
	return func(a, b any) (any, error) {
		switch x := a.(type) {
		case float64:
			if y, isNum := b.(float64); isNum {
				return ok(cmpFloat(x, y)), nil
			}
		case string:
			if y, isStr := b.(string); isStr {
				return ok(cmpString(x, y)), nil
			}
		}
		return false, nil
	}
}

// cmpFloat is a three-way comparison of numbers.
func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// cmpString is a three-way comparison of strings.
func cmpString(x, y string) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// matchRegexp implements =~ for a string and a Go regular expression,
// which must match the whole string, as Jayway's Matcher.matches().
func matchRegexp(a, b any) (any, error) {
	s, ok1 := a.(string)
	re, ok2 := b.(string)
	if !ok1 || !ok2 {
		return false, nil
	}
	r, err := regexp.Compile(`^(?:` + re + `)$`)
	if err != nil {
		return nil, fmt.Errorf("compiling regular expression %q: %w", re, err)
	}
	return r.MatchString(s), nil
}
