package jinja

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// st2Filters are the StackStorm filters every environment has.
var st2Filters = map[string]exec.FilterFunction{
	"to_json_string":   jsonFilter("to_json_string"),
	"to_complex":       jsonFilter("to_complex"),
	"from_json_string": filterFromJSONString,
	"json_escape":      filterJSONEscape,
}

// jsonFilter is StackStorm's to_json_string (and to_complex): the value as
// compact JSON text.
func jsonFilter(name string) exec.FilterFunction {
	return func(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
		if in.IsError() {
			return in
		}
		b, err := json.Marshal(in.Interface())
		if err != nil {
			return exec.AsValue(fmt.Errorf("%s: %w", name, err))
		}
		return exec.AsValue(string(b))
	}
}

// filterFromJSONString is StackStorm's from_json_string: JSON text decoded
// with encoding/json (numbers as float64).
func filterFromJSONString(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	var v any
	if err := json.Unmarshal([]byte(in.String()), &v); err != nil {
		return exec.AsValue(fmt.Errorf("from_json_string: %w", err))
	}
	return exec.ToValue(v)
}

// filterJSONEscape is StackStorm's json_escape: the value as the inside of
// a JSON string.
func filterJSONEscape(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	b, err := json.Marshal(in.String())
	if err != nil {
		return exec.AsValue(fmt.Errorf("json_escape: %w", err))
	}
	return exec.AsValue(strings.TrimSuffix(strings.TrimPrefix(string(b), `"`), `"`))
}

// Identity is a filter that returns its input, for filters whose work is
// done before rendering (param's decrypt_kv).
func Identity(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value { return in }
