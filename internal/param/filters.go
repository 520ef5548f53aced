package param

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// st2Filters are the StackStorm filters parameters most often use.
// decrypt_kv passes its value through: st2kv lookups it follows are fetched
// decrypted beforehand (see kvVars).
var st2Filters = map[string]exec.FilterFunction{
	"to_json_string":   filterToJSONString,
	"from_json_string": filterFromJSONString,
	"json_escape":      filterJSONEscape,
	"decrypt_kv":       filterIdentity,
	"to_complex":       filterToJSONString,
}

func filterIdentity(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value { return in }

// filterToJSONString is StackStorm's to_json_string: compact JSON.
func filterToJSONString(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	b, err := json.Marshal(in.Interface())
	if err != nil {
		return exec.AsValue(fmt.Errorf("to_json_string: %w", err))
	}
	return exec.AsValue(string(b))
}

// filterFromJSONString is StackStorm's from_json_string.
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

// filterJSONEscape is StackStorm's json_escape.
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
