package jinja

import "github.com/nikolalohinski/gonja/v2/exec"

// Plain converts what a filter receives to plain Go values: the lists and
// dicts a template writes literally ({{ [1, 'a'] }}, {{ {'k': v} }}) reach
// filters as gonja's own types, which encoding/json would print field by
// field. Dict keys become their string form, as Python's json.dumps does.
func Plain(v any) any {
	switch x := v.(type) {
	case *exec.Value:
		if x == nil {
			return nil
		}
		return Plain(x.Interface())
	case exec.ValuesList:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Plain(e)
		}
		return out
	case []*exec.Value:
		return Plain(exec.ValuesList(x))
	case *exec.Dict:
		if x == nil {
			return nil
		}
		out := make(map[string]any, len(x.Pairs))
		for _, p := range x.Pairs {
			out[p.Key.String()] = Plain(p.Value)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Plain(e)
		}
		return out
	}
	return v
}
