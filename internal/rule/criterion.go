package rule

import (
	"fmt"

	"github.com/stormless/stormless/internal/pack"
)

// Criterion is one rule criterion as the evaluator reads it: the key (a
// path over "trigger", with an optional "#suffix"), the operator as
// written, the pattern before rendering, and for "search" the condition
// (any, all, all2any, any2any) with the child criteria as the pattern.
type Criterion struct {
	Key       string   `json:"key"`
	Type      string   `json:"type"`
	Pattern   any      `json:"pattern,omitempty"`
	Condition string   `json:"condition,omitempty"`
	Pos       pack.Pos `json:"-"`
}

// CriterionError is an invalid criterion found at compile time, with the
// rule file position and the criteria key.
type CriterionError struct {
	Pos pack.Pos
	Key string
	Err error
}

// Error formats the position, the key and the cause.
func (e *CriterionError) Error() string {
	loc := e.Pos.File
	if e.Pos.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, e.Pos.Line)
	}
	if loc != "" {
		loc += ": "
	}
	return fmt.Sprintf("%scriterion %q: %v", loc, e.Key, e.Err)
}

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *CriterionError) Unwrap() error { return e.Err }

// FromPack converts a pack rule's criteria, in file order.
func FromPack(cs []pack.Criterion) []Criterion {
	out := make([]Criterion, len(cs))
	for i, c := range cs {
		out[i] = Criterion{Key: c.Key, Type: c.Type, Pattern: c.Pattern, Condition: c.Condition, Pos: c.Pos}
	}
	return out
}

// ParseCriteria reads StackStorm's criteria map (key -> {type, pattern,
// condition}) in key order. A value that is not a map, or a type or
// condition that is not a string, is an error.
func ParseCriteria(m map[string]any) ([]Criterion, error) {
	out := make([]Criterion, 0, len(m))
	for _, k := range sortedKeys(m) {
		c, err := parseOne(k, m[k])
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func parseOne(key string, raw any) (Criterion, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return Criterion{}, &CriterionError{Key: key, Err: fmt.Errorf("reading criterion: want a map, got %T", raw)}
	}
	c := Criterion{Key: key, Pattern: m["pattern"]}
	var err error
	if c.Type, err = optString(m, "type"); err != nil {
		return Criterion{}, &CriterionError{Key: key, Err: err}
	}
	if c.Condition, err = optString(m, "condition"); err != nil {
		return Criterion{}, &CriterionError{Key: key, Err: err}
	}
	return c, nil
}

func optString(m map[string]any, k string) (string, error) {
	v, ok := m[k]
	if !ok || v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("reading %s: want a string, got %T", k, v)
	}
	return s, nil
}
