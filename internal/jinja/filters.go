package jinja

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
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
		b, err := json.Marshal(Plain(in.Interface()))
		if err != nil {
			return exec.AsValue(fmt.Errorf("%s: %w", name, err))
		}
		return exec.AsValue(string(b))
	}
}

// filterFromJSONString is StackStorm's from_json_string: JSON text decoded
// as Python's json.loads does, integers staying integers (int64) and other
// numbers float64.
func filterFromJSONString(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	v, err := DecodeJSON(in.String())
	if err != nil {
		return exec.AsValue(fmt.Errorf("from_json_string: %w", err))
	}
	return exec.ToValue(v)
}

// DecodeJSON decodes one JSON value as Python's json.loads does: integers
// as int64 (float64 when they overflow it), other numbers as float64.
// Trailing data after the value is an error.
func DecodeJSON(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return pythonNumbers(v), nil
}

// pythonNumbers replaces the json.Numbers in v by int64 or float64.
func pythonNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return i
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	case []any:
		for i, e := range x {
			x[i] = pythonNumbers(e)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = pythonNumbers(e)
		}
	}
	return v
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
