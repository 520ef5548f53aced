package rule

import (
	"fmt"
	"math"
	"strings"
	"unicode"
)

// typeError is Python's TypeError: an operation on values of the wrong type.
// StackStorm turns it into "no match".
type typeError struct{ msg string }

func (e *typeError) Error() string { return e.msg }

func typeErrorf(format string, args ...any) error {
	return &typeError{msg: fmt.Sprintf(format, args...)}
}

// asNumber returns v as a number when Python treats it as one (bools
// included).
func asNumber(v any) (number, bool) {
	switch x := v.(type) {
	case number:
		return x, true
	case bool:
		if x {
			return intNumber(1), true
		}
		return intNumber(0), true
	}
	return number{}, false
}

// numCmp compares two numbers; ok is false when either is NaN.
func numCmp(a, b number) (c int, ok bool) {
	if !a.isFloat && !b.isFloat {
		return a.i.Cmp(b.i), true
	}
	af, bf := a.float(), b.float()
	if math.IsNaN(af) || math.IsNaN(bf) {
		return 0, false
	}
	if math.IsInf(af, 0) || math.IsInf(bf, 0) {
		switch {
		case af < bf:
			return -1, true
		case af > bf:
			return 1, true
		}
		if a.isFloat && b.isFloat {
			return 0, true
		}
		// an int never equals an infinity; its float conversion may overflow
		return infSide(a, b), true
	}
	return a.rat().Cmp(b.rat()), true
}

// infSide orders an int against a float infinity.
func infSide(a, b number) int {
	if a.isFloat {
		if a.f > 0 {
			return 1
		}
		return -1
	}
	if b.f > 0 {
		return -1
	}
	return 1
}

// pyEqual is Python's == on JSON-like values.
func pyEqual(a, b any) bool {
	if an, ok := asNumber(a); ok {
		bn, ok := asNumber(b)
		if !ok {
			return false
		}
		c, ok := numCmp(an, bn)
		return ok && c == 0
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		return ok && listEqual(x, y)
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && mapEqual(x, y)
	}
	return false
}

func listEqual(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !pyEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

func mapEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, av := range a {
		bv, ok := b[k]
		if !ok || !pyEqual(av, bv) {
			return false
		}
	}
	return true
}

// pyLess is Python's a < b; unorderable types raise a typeError.
func pyLess(a, b any) (bool, error) {
	if an, ok := asNumber(a); ok {
		if bn, ok := asNumber(b); ok {
			c, ok := numCmp(an, bn)
			return ok && c < 0, nil
		}
	}
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return x < y, nil
		}
	case []any:
		if y, ok := b.([]any); ok {
			return listLess(x, y)
		}
	}
	return false, typeErrorf("'<' not supported between instances of '%s' and '%s'", pyTypeName(a), pyTypeName(b))
}

func listLess(a, b []any) (bool, error) {
	for i := 0; i < len(a) && i < len(b); i++ {
		if !pyEqual(a[i], b[i]) {
			return pyLess(a[i], b[i])
		}
	}
	return len(a) < len(b), nil
}

// pyIn is Python's needle in hay.
func pyIn(needle, hay any) (bool, error) {
	switch h := hay.(type) {
	case string:
		n, ok := needle.(string)
		if !ok {
			return false, typeErrorf("'in <string>' requires string as left operand, not %s", pyTypeName(needle))
		}
		return strings.Contains(h, n), nil
	case []any:
		for _, e := range h {
			if pyEqual(needle, e) {
				return true, nil
			}
		}
		return false, nil
	case map[string]any:
		switch n := needle.(type) {
		case []any, map[string]any:
			return false, typeErrorf("unhashable type: '%s'", pyTypeName(needle))
		case string:
			_, ok := h[n]
			return ok, nil
		}
		return false, nil
	}
	return false, typeErrorf("argument of type '%s' is not iterable", pyTypeName(hay))
}

// pyStr returns v when it is a str, else a typeError naming the method.
func pyStr(v any, method string) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", typeErrorf("'%s' object has no attribute '%s'", pyTypeName(v), method)
	}
	return s, nil
}

// pyLower is Python's str.lower(): full Unicode lowercase mapping, with the
// special cases Go's unicode.ToLower lacks (dotted capital I, final sigma).
func pyLower(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '\u0130':
			b.WriteString("i\u0307")
		case r == '\u03a3':
			b.WriteRune(sigmaLower(rs, i))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// sigmaLower applies Unicode's Final_Sigma condition: a capital sigma
// preceded by a cased letter and not followed by one becomes final sigma.
func sigmaLower(rs []rune, i int) rune {
	before := false
	for j := i - 1; j >= 0; j-- {
		if isCaseIgnorable(rs[j]) {
			continue
		}
		before = isCased(rs[j])
		break
	}
	after := false
	for j := i + 1; j < len(rs); j++ {
		if isCaseIgnorable(rs[j]) {
			continue
		}
		after = isCased(rs[j])
		break
	}
	if before && !after {
		return '\u03c2'
	}
	return '\u03c3'
}

func isCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r)
}

func isCaseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) ||
		r == '\'' || r == '.' || r == ':' || r == '\u00b7' || r == '\u2019'
}

// pyTruthy is Python's bool(v).
func pyTruthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case number:
		if x.isFloat {
			return x.f != 0
		}
		return x.i.Sign() != 0
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}
