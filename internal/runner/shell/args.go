package shell

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/stormless/stormless/internal/runner"
)

// Args returns the argument string StackStorm appends to a script's path:
// named arguments first, then positional ones, each quoted for the shell.
//
// params are the action parameters (runner parameters excluded) and specs
// their specs. A parameter with a position is positional: every position
// yields one argument, serialized by its type (booleans as 1 or 0, arrays
// comma-joined, objects as JSON, null or absent as an empty string). The
// others are named, in name order, written as kwargOp+name=value: a null or
// empty-string value is left out, true is written as the bare
// kwargOp+name, false is left out, any other value is formatted as
// Python's str() would.
func Args(params map[string]any, specs map[string]runner.Param, kwargOp string) string {
	positional, named := split(params, specs)
	parts := namedArgs(params, named, kwargOp)
	for _, name := range positional {
		parts = append(parts, Quote(positionalValue(specs[name].Type, params[name])))
	}
	return strings.Join(parts, " ")
}

// split returns the positional parameter names in position order (a later
// name wins a position, as in a dict keyed by position) and the named
// ones, sorted.
func split(params map[string]any, specs map[string]runner.Param) (positional, named []string) {
	byPos := map[int]string{}
	for _, name := range sortedKeys(specs) {
		if p := specs[name]; p.Position != nil && !p.Runner {
			byPos[*p.Position] = name
		}
	}
	isPos := map[string]bool{}
	for _, pos := range sortedInts(byPos) {
		positional = append(positional, byPos[pos])
		isPos[byPos[pos]] = true
	}
	for _, name := range sortedKeys(params) {
		if !isPos[name] {
			named = append(named, name)
		}
	}
	return positional, named
}

func namedArgs(params map[string]any, names []string, kwargOp string) []string {
	var parts []string
	for _, name := range names {
		v := params[name]
		switch x := v.(type) {
		case nil:
		case bool:
			if x {
				parts = append(parts, kwargOp+name)
			}
		case string:
			if x != "" {
				parts = append(parts, Quote(kwargOp+name)+"="+Quote(x))
			}
		default:
			parts = append(parts, Quote(kwargOp+name)+"="+Quote(runner.PyStr(v)))
		}
	}
	return parts
}

// positionalValue serializes a positional argument as StackStorm's
// serialize_positional_argument does.
func positionalValue(typ string, v any) string {
	switch typ {
	case "string", "number", "float":
		if v == nil {
			return ""
		}
		return runner.PyStr(v)
	case "boolean":
		if v == nil {
			return ""
		}
		return map[bool]string{true: "1", false: "0"}[truthy(v)]
	case "array", "list":
		return joinList(v)
	case "object":
		return jsonValue(v)
	case "null":
		return ""
	}
	if !truthy(v) {
		return ""
	}
	return runner.PyStr(v)
}

func joinList(v any) string {
	if !truthy(v) {
		return ""
	}
	var items []string
	switch l := v.(type) {
	case []any:
		for _, x := range l {
			items = append(items, runner.PyStr(x))
		}
	case string: // Python iterates a string's characters
		for _, r := range l {
			items = append(items, string(r))
		}
	case map[string]any: // and a dict's keys
		items = sortedKeys(l)
	default:
		return runner.PyStr(v)
	}
	return strings.Join(items, ",")
}

// jsonValue encodes v compactly without HTML escaping, as orjson does;
// falsy values give "".
func jsonValue(v any) string {
	if !truthy(v) {
		return ""
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return runner.PyStr(v)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// truthy is Python's bool(v) for JSON values.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	case json.Number:
		f, err := x.Float64()
		return err != nil || f != 0
	}
	if f, ok := runner.Number(v); ok {
		return f != 0
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedInts(m map[int]string) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
