package rule

import "fmt"

// UnrecognizedConditionError is a search condition other than any, all,
// all2any and any2any.
type UnrecognizedConditionError struct{ Condition string }

// Error names the condition and the ones allowed.
func (e *UnrecognizedConditionError) Error() string {
	return fmt.Sprintf("the %q condition is not recognized for type search, 'any', 'all', 'any2any' and 'all2any' are allowed", e.Condition)
}

// searchQuantifiers returns, for a condition, whether any (rather than
// all) items must match and whether any (rather than all) child criteria.
func searchQuantifiers(cond string) (anyItem, anyChild bool, err error) {
	switch cond {
	case "any":
		return true, false, nil
	case "all":
		return false, false, nil
	case "all2any":
		return false, true, nil
	case "any2any":
		return true, true, nil
	}
	return false, false, &UnrecognizedConditionError{Condition: cond}
}

// search is StackStorm's search operator: the child criteria (the pattern,
// keyed "item.x") are checked against each item of the list value.
func (ev *evaluator) search(value, pattern any, cond string) (bool, error) {
	if m, ok := value.(map[string]any); ok {
		value = []any{m}
	}
	anyItem, anyChild, err := searchQuantifiers(cond)
	if err != nil {
		return false, err
	}
	items, err := iterate(value)
	if err != nil {
		return false, err
	}
	children, ok := pattern.(map[string]any)
	if !ok {
		return false, typeErrorf("search pattern must be a dict of child criteria, not %s", pyTypeName(pattern))
	}
	itemVerdicts := make([]bool, len(items))
	for i, item := range items {
		v, err := ev.children(children, item, anyChild)
		if err != nil {
			return false, err
		}
		itemVerdicts[i] = v
	}
	return quantify(itemVerdicts, anyItem), nil
}

// iterate is Python's iteration over a value: list items or string
// characters.
func iterate(v any) ([]any, error) {
	switch x := v.(type) {
	case []any:
		return x, nil
	case string:
		out := make([]any, 0, len(x))
		for _, r := range x {
			out = append(out, string(r))
		}
		return out, nil
	}
	return nil, typeErrorf("'%s' object is not iterable", pyTypeName(v))
}

func (ev *evaluator) children(children map[string]any, item any, anyChild bool) (bool, error) {
	verdicts := make([]bool, 0, len(children))
	for _, k := range sortedKeys(children) {
		v, err := ev.child(k, children[k], item)
		if err != nil {
			return false, err
		}
		verdicts = append(verdicts, v)
	}
	return quantify(verdicts, anyChild), nil
}

// child checks one child criterion; an error aborts the whole search, as
// an exception does in StackStorm.
func (ev *evaluator) child(key string, raw, item any) (bool, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return false, childShapeError(key, raw)
	}
	t, has := m["type"]
	if !has {
		return false, nil
	}
	ts, ok := t.(string)
	if !ok {
		return false, typeErrorf("child criterion %q: type must be a string", key)
	}
	if _, known := CanonicalOperator(ts); !known {
		return false, fmt.Errorf("%w: %s", ErrUnknownOperator, pyLower(ts))
	}
	cond, _ := m["condition"].(string)
	c := Criterion{Key: key, Type: ts, Pattern: m["pattern"], Condition: cond}
	x := ev.criterion(c, map[string]any{"item": item})
	return x.Match, nil
}

// childShapeError mirrors Python's `"type" in child` on a non-dict child:
// a string or list mentioning "type" raises, anything else is no match.
func childShapeError(key string, raw any) error {
	hit, err := pyIn("type", raw)
	if err != nil || hit {
		return typeErrorf("child criterion %q is not a dict", key)
	}
	return nil
}

// quantify is Python's any() or all().
func quantify(vs []bool, anyOf bool) bool {
	for _, v := range vs {
		if v == anyOf {
			return anyOf
		}
	}
	return !anyOf
}
