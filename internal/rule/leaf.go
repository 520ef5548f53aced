package rule

import (
	"math"
	"math/big"
	"strings"
)

// leaf is the EventBridge rendering of one criterion: the values a field
// may take (OR), and whether the leaf decides the criterion exactly when
// the field can hold neither an array nor sit below one.
type leaf struct {
	values []any
	exact  bool
}

// eventBridgeMaxNumber bounds the numbers EventBridge compares exactly.
const eventBridgeMaxNumber = 5e9

// leafFor renders an operator and a (non-templated, normalized) pattern as
// an EventBridge leaf; ok is false when EventBridge cannot express a sound
// over-approximation.
func leafFor(op string, p any) (leaf, bool) {
	switch op {
	case OpEquals:
		return equalsLeaf(p)
	case OpInside:
		return insideLeaf(p)
	case OpIEquals:
		return caselessLeaf(p, func(s string) any { return map[string]any{"equals-ignore-case": s} })
	case OpIStartsWith:
		return caselessLeaf(p, func(s string) any { return map[string]any{"prefix": map[string]any{"equals-ignore-case": s}} })
	case OpIEndsWith:
		return caselessLeaf(p, func(s string) any { return map[string]any{"suffix": map[string]any{"equals-ignore-case": s}} })
	case OpStartsWith:
		return affixLeaf(p, "prefix")
	case OpEndsWith:
		return affixLeaf(p, "suffix")
	case OpMatchWildcard:
		return wildcardLeaf(p)
	case OpRegex, OpMatchRegex:
		return regexLeaf(p, op == OpMatchRegex)
	}
	return leaf{}, false
}

// equalsLeaf: Python's == also makes True equal 1 and False equal 0.
func equalsLeaf(p any) (leaf, bool) {
	vals, exact, ok := scalarAlternatives(p)
	return leaf{values: vals, exact: exact}, ok
}

// scalarAlternatives lists the event values equal (Python ==) to a scalar
// pattern; exact is false when the number itself is beyond EventBridge's
// precision (exactUnder also checks the values it may meet).
func scalarAlternatives(p any) (vals []any, exact, ok bool) {
	switch x := p.(type) {
	case string:
		return []any{x}, true, true
	case bool:
		if x {
			return []any{true, intNumber(1)}, true, true
		}
		return []any{false, intNumber(0)}, true, true
	case number:
		return numberAlternatives(x)
	}
	return nil, false, false
}

func numberAlternatives(n number) (vals []any, exact, ok bool) {
	f := n.float()
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > eventBridgeMaxNumber {
		return nil, false, false
	}
	if !n.isFloat || f == math.Trunc(f) {
		vals = []any{n}
		switch c := n.rat(); {
		case c.Cmp(big.NewRat(0, 1)) == 0:
			vals = append(vals, false)
		case c.Cmp(big.NewRat(1, 1)) == 0:
			vals = append(vals, true)
		}
		return vals, n.rat().IsInt(), true
	}
	return []any{n}, false, true
}

// insideLeaf: value in [a, b, ...] is value == a or value == b ...; value
// in a dict is membership of its keys.
func insideLeaf(p any) (leaf, bool) {
	switch x := p.(type) {
	case []any:
		return listLeaf(x)
	case map[string]any:
		if len(x) == 0 {
			return leaf{}, false
		}
		vals := make([]any, 0, len(x))
		for _, k := range sortedKeys(x) {
			vals = append(vals, k)
		}
		return leaf{values: vals, exact: true}, true
	}
	return leaf{}, false
}

func listLeaf(l []any) (leaf, bool) {
	if len(l) == 0 {
		return leaf{}, false
	}
	out := leaf{exact: true}
	for _, e := range l {
		vals, exact, ok := scalarAlternatives(e)
		if !ok {
			return leaf{}, false
		}
		out.values = append(out.values, vals...)
		out.exact = out.exact && exact
	}
	out.values = dedupe(out.values)
	return out, true
}

func dedupe(vals []any) []any {
	var out []any
	for _, v := range vals {
		dup := false
		for _, o := range out {
			if sameLiteral(v, o) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

// sameLiteral compares two leaf literals as JSON values (true and 1 differ).
func sameLiteral(a, b any) bool {
	switch x := a.(type) {
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case number:
		y, ok := b.(number)
		if !ok {
			return false
		}
		c, cmp := numCmp(x, y)
		return cmp && c == 0
	case string:
		y, ok := b.(string)
		return ok && x == y
	}
	return false
}

// caselessLeaf renders case-insensitive operators when Python's lower()
// and EventBridge's case folding agree on the pattern: ASCII without "k"
// (the Kelvin sign lower-cases to "k" in Python). Never exact: EventBridge
// folds a few characters Python's lower() keeps apart.
func caselessLeaf(p any, build func(string) any) (leaf, bool) {
	s, ok := p.(string)
	if !ok || s == "" || strings.ContainsAny(s, "kK") {
		return leaf{}, false
	}
	for _, r := range s {
		if r >= 0x80 {
			return leaf{}, false
		}
	}
	return leaf{values: []any{build(pyLower(s))}}, true
}

func affixLeaf(p any, kind string) (leaf, bool) {
	s, ok := p.(string)
	if !ok || s == "" {
		return leaf{}, false
	}
	return leaf{values: []any{map[string]any{kind: s}}, exact: true}, true
}

// wildcardLeaf renders fnmatch patterns: "*" maps to EventBridge's "*";
// "?" and "[...]" widen to "*" (then inexact); backslash and nothing else
// needs escaping.
func wildcardLeaf(p any) (leaf, bool) {
	s, ok := p.(string)
	if !ok {
		return leaf{}, false
	}
	var b strings.Builder
	exact := true
	lastStar := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '*' || r == '?':
			exact = exact && r == '*'
			if !lastStar {
				b.WriteString("*")
			}
			lastStar = true
			continue
		case r == '[':
			if _, next, closed := wildcardSet(rs, i+1); closed {
				exact = false
				if !lastStar {
					b.WriteString("*")
				}
				lastStar = true
				i = next - 1
				continue
			}
		case r == '\\':
			b.WriteString(`\\`)
			lastStar = false
			continue
		}
		b.WriteRune(r)
		lastStar = false
	}
	return leaf{values: []any{map[string]any{"wildcard": b.String()}}, exact: exact}, true
}

// regexLeaf renders a regex anchored at the start by its literal prefix;
// never exact.
func regexLeaf(p any, anchored bool) (leaf, bool) {
	s, ok := p.(string)
	if !ok {
		return leaf{}, false
	}
	if _, err := compilePython(s, modeSearch); err != nil {
		return leaf{}, false
	}
	prefix, ok := regexLiteralPrefix(s, anchored)
	if !ok {
		return leaf{}, false
	}
	return leaf{values: []any{map[string]any{"prefix": prefix}}}, true
}
