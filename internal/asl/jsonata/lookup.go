package jsonata

import "github.com/blues/jsonata-go/jtypes"

// The library's $lookup yields null for a key an object lacks, where
// JSONata yields undefined; so $exists($lookup(o, 'missing')) was true.
// lookup replaces it.

// lookup implements $lookup(input, key): the value of key in an object
// (undefined when absent), or the values of key in an array's objects
// (arrays among them flattened one level), as a sequence.
func lookup(v any, key string) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		x, ok := v[key]
		if !ok {
			return nil, jtypes.ErrUndefined
		}
		if x == nil {
			return null, nil
		}
		return x, nil
	case []any:
		var out []any
		for _, e := range v {
			x, err := lookup(e, key)
			if err != nil {
				continue
			}
			if a, ok := x.([]any); ok {
				out = append(out, a...)
			} else {
				out = append(out, x)
			}
		}
		return sequence(out)
	}
	return nil, jtypes.ErrUndefined
}
