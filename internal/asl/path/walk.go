package path

import (
	"encoding/json"
	"fmt"
)

// walk follows steps from doc. It returns the node, or "" and Jayway's
// wording of why the path selects nothing.
func walk(steps []step, doc any) (any, string) {
	v := doc
	for i, s := range steps {
		var ok bool
		var detail string
		if s.isIndex {
			v, ok, detail = indexStep(steps, i, v)
		} else {
			v, ok, detail = keyStep(steps, i, v)
		}
		if !ok {
			return nil, detail
		}
	}
	return v, ""
}

// keyStep applies the key step steps[i] to v.
func keyStep(steps []step, i int, v any) (any, bool, string) {
	s := steps[i]
	m, isMap := v.(map[string]any)
	if !isMap {
		return nil, false, fmt.Sprintf("Expected to find an object with property %s in path %s but found '%s'",
			s.fragment(), normalized(steps[:i]), typeName(v))
	}
	child, found := m[s.key]
	if found {
		return child, true, ""
	}
	if i == len(steps)-1 {
		return nil, false, "No results for path: " + normalized(steps)
	}
	return nil, false, "Missing property in path " + normalized(steps[:i+1])
}

// indexStep applies the index step steps[i] to v.
func indexStep(steps []step, i int, v any) (any, bool, string) {
	s := steps[i]
	a, isArray := v.([]any)
	switch {
	case v == nil:
		return nil, false, fmt.Sprintf("The path %s is null", normalized(steps[:i]))
	case !isArray:
		return nil, false, fmt.Sprintf("Filter: %s can only be applied to arrays. Current context is: %s",
			s.fragment(), compactJSON(v))
	}
	n := s.index
	if n < 0 {
		n += len(a)
	}
	if n < 0 || n >= len(a) {
		return nil, false, "No results for path: " + normalized(steps)
	}
	return a[n], true, ""
}

// typeName names the JSON type of v.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64, json.Number, int, int64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// compactJSON renders v as compact JSON, or with %v if it is not JSON.
func compactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
