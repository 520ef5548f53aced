package jsonata

import (
	"slices"

	"github.com/blues/jsonata-go/jtypes"
)

// The library lists an object's members in Go's map order, which differs
// from run to run. $keys and $spread are replaced by versions that list
// them in key order, so results are at least deterministic.

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// keys implements $keys: an object's keys in key order, or the distinct
// keys of an array's objects in order of appearance.
func keys(v any) (any, error) {
	var out []any
	seen := map[string]bool{}
	add := func(m map[string]any) {
		for _, k := range sortedKeys(m) {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	switch v := v.(type) {
	case map[string]any:
		add(v)
	case []any:
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				add(m)
			}
		}
	}
	return sequence(out)
}

// spread implements $spread: an object as an array of one-member objects
// in key order; an array's elements spread in turn; other values as they
// are.
func spread(v any) (any, error) {
	var out []any
	var add func(v any)
	add = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range sortedKeys(v) {
				out = append(out, map[string]any{k: v[k]})
			}
		case []any:
			for _, e := range v {
				add(e)
			}
		default:
			out = append(out, v)
		}
	}
	if v == nil {
		return nil, jtypes.ErrUndefined
	}
	add(v)
	return sequence(out)
}

// sequence returns a JSONata sequence: nothing is undefined, one value is
// itself, more are an array.
func sequence(out []any) (any, error) {
	switch len(out) {
	case 0:
		return nil, jtypes.ErrUndefined
	case 1:
		return out[0], nil
	}
	return out, nil
}
