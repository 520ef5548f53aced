package rule

import (
	"errors"
	"strings"
	"time"
)

// ErrUnknownOperator is wrapped by the error for a criteria type that
// names no StackStorm operator.
var ErrUnknownOperator = errors.New("invalid operator")

// opFunc applies an operator to the value found and the rendered pattern.
// An error means StackStorm's operator raised, i.e. no match.
type opFunc func(value, pattern any, now time.Time) (bool, error)

// Operator names, canonical first; aliases map to the same function.
const (
	OpEquals        = "equals"
	OpNEquals       = "nequals"
	OpIEquals       = "iequals"
	OpLessThan      = "lessthan"
	OpGreaterThan   = "greaterthan"
	OpTimediffLT    = "timediff_lt"
	OpTimediffGT    = "timediff_gt"
	OpContains      = "contains"
	OpNContains     = "ncontains"
	OpIContains     = "icontains"
	OpINContains    = "incontains"
	OpStartsWith    = "startswith"
	OpIStartsWith   = "istartswith"
	OpEndsWith      = "endswith"
	OpIEndsWith     = "iendswith"
	OpMatchWildcard = "matchwildcard"
	OpRegex         = "regex"
	OpIRegex        = "iregex"
	OpMatchRegex    = "matchregex"
	OpExists        = "exists"
	OpNExists       = "nexists"
	OpInside        = "inside"
	OpNInside       = "ninside"
	OpSearch        = "search"
)

// aliases maps every accepted (lower-case) operator name to its canonical
// name.
var aliases = map[string]string{
	"eq": OpEquals, "neq": OpNEquals, "ieq": OpIEquals, "lt": OpLessThan, "gt": OpGreaterThan,
	"td_lt": OpTimediffLT, "td_gt": OpTimediffGT, "in": OpInside, "nin": OpNInside,
}

var operators = map[string]opFunc{
	OpEquals:        nullFalse(opEquals),
	OpNEquals:       opNEquals,
	OpIEquals:       nullFalse(opIEquals),
	OpLessThan:      nullFalse(opLess),
	OpGreaterThan:   nullFalse(opGreater),
	OpTimediffLT:    nullFalse(opTimediffLT),
	OpTimediffGT:    nullFalse(opTimediffGT),
	OpContains:      nullFalse(opContains),
	OpNContains:     nullFalse(negate(opContains)),
	OpIContains:     nullFalse(opIContains),
	OpINContains:    nullFalse(negate(opIContains)),
	OpStartsWith:    nullFalse(opStartsWith),
	OpIStartsWith:   nullFalse(opIStartsWith),
	OpEndsWith:      nullFalse(opEndsWith),
	OpIEndsWith:     nullFalse(opIEndsWith),
	OpMatchWildcard: nullFalse(opMatchWildcard),
	OpRegex:         nullFalse(regexOp(modeSearch)),
	OpIRegex:        nullFalse(regexOp(modeSearchI)),
	OpMatchRegex:    nullFalse(regexOp(modeMatchDotal)),
	OpExists:        func(v, _ any, _ time.Time) (bool, error) { return v != nil, nil },
	OpNExists:       func(v, _ any, _ time.Time) (bool, error) { return v == nil, nil },
	OpInside:        nullFalse(opInside),
	OpNInside:       nullFalse(negate(opInside)),
}

// CanonicalOperator returns the canonical name of a criteria type
// (case-insensitive, aliases resolved) and whether it is an operator.
func CanonicalOperator(name string) (string, bool) {
	n := pyLower(name)
	if c, ok := aliases[n]; ok {
		return c, true
	}
	if _, ok := operators[n]; ok || n == OpSearch {
		return n, true
	}
	return "", false
}

// nullFalse wraps an operator that returns false for a null pattern.
func nullFalse(f opFunc) opFunc {
	return func(v, p any, now time.Time) (bool, error) {
		if p == nil {
			return false, nil
		}
		return f(v, p, now)
	}
}

// negate is the "not in" form of an operator; errors stay errors.
func negate(f opFunc) opFunc {
	return func(v, p any, now time.Time) (bool, error) {
		ok, err := f(v, p, now)
		return !ok && err == nil, err
	}
}

func opEquals(v, p any, _ time.Time) (bool, error) { return pyEqual(v, p), nil }

func opNEquals(v, p any, _ time.Time) (bool, error) { return !pyEqual(v, p), nil }

func opLess(v, p any, _ time.Time) (bool, error) { return pyLess(v, p) }

func opGreater(v, p any, _ time.Time) (bool, error) { return pyLess(p, v) }

func opContains(v, p any, _ time.Time) (bool, error) { return pyIn(p, v) }

func opInside(v, p any, _ time.Time) (bool, error) { return pyIn(v, p) }

// lowerPair lower-cases two str operands, as value.lower() and
// pattern.lower() do (the value's attribute is looked up first).
func lowerPair(v, p any) (string, string, error) {
	vs, err := pyStr(v, "lower")
	if err != nil {
		return "", "", err
	}
	ps, err := pyStr(p, "lower")
	if err != nil {
		return "", "", err
	}
	return pyLower(vs), pyLower(ps), nil
}

func opIEquals(v, p any, _ time.Time) (bool, error) {
	vs, ps, err := lowerPair(v, p)
	return err == nil && vs == ps, err
}

func opIContains(v, p any, _ time.Time) (bool, error) {
	ps, err := pyStr(p, "lower")
	if err != nil {
		return false, err
	}
	vs, err := pyStr(v, "lower")
	if err != nil {
		return false, err
	}
	return strings.Contains(pyLower(vs), pyLower(ps)), nil
}

// strPair checks value.method(pattern) operands: value must be a str, and
// the pattern a str.
func strPair(v, p any, method string) (string, string, error) {
	vs, err := pyStr(v, method)
	if err != nil {
		return "", "", err
	}
	ps, ok := p.(string)
	if !ok {
		return "", "", typeErrorf("%s first arg must be str or a tuple of str, not %s", method, pyTypeName(p))
	}
	return vs, ps, nil
}

func opStartsWith(v, p any, _ time.Time) (bool, error) {
	vs, ps, err := strPair(v, p, "startswith")
	return err == nil && strings.HasPrefix(vs, ps), err
}

func opEndsWith(v, p any, _ time.Time) (bool, error) {
	vs, ps, err := strPair(v, p, "endswith")
	return err == nil && strings.HasSuffix(vs, ps), err
}

func opIStartsWith(v, p any, _ time.Time) (bool, error) {
	vs, ps, err := lowerPair(v, p)
	return err == nil && strings.HasPrefix(vs, ps), err
}

func opIEndsWith(v, p any, _ time.Time) (bool, error) {
	vs, ps, err := lowerPair(v, p)
	return err == nil && strings.HasSuffix(vs, ps), err
}

func opMatchWildcard(v, p any, _ time.Time) (bool, error) {
	vs, err := pyStr(v, "normcase")
	if err != nil {
		return false, err
	}
	ps, err := pyStr(p, "normcase")
	if err != nil {
		return false, err
	}
	re, err := compileWildcard(ps)
	if err != nil {
		return false, err
	}
	return re.MatchString(vs), nil
}

func regexOp(mode regexMode) opFunc {
	return func(v, p any, _ time.Time) (bool, error) {
		ps, ok := p.(string)
		if !ok {
			return false, typeErrorf("first argument must be string or compiled pattern")
		}
		re, err := compilePython(ps, mode)
		if err != nil {
			return false, err
		}
		vs, ok := v.(string)
		if !ok {
			return false, typeErrorf("expected string or bytes-like object, got '%s'", pyTypeName(v))
		}
		return re.MatchString(vs), nil
	}
}

func opTimediffLT(v, p any, now time.Time) (bool, error) {
	elapsed, period, err := timediff(v, p, now)
	return err == nil && elapsed < period, err
}

func opTimediffGT(v, p any, now time.Time) (bool, error) {
	elapsed, period, err := timediff(v, p, now)
	return err == nil && elapsed > period, err
}
