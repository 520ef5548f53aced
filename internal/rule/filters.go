package rule

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// st2Filters are the StackStorm Jinja filters criteria patterns are most
// likely to use, beside to_complex.
var st2Filters = map[string]exec.FilterFunction{
	"to_json_string":   filterToJSONString,
	"from_json_string": filterFromJSONString,
	"json_escape":      filterJSONEscape,
	"regex_match":      regexFilter(true),
	"regex_search":     regexFilter(false),
	"basename":         stringFilter(path.Base),
	"dirname":          stringFilter(path.Dir),
}

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
	v, err := decodeJSON([]byte(in.String()))
	if err != nil {
		return exec.AsValue(fmt.Errorf("from_json_string: %w", err))
	}
	return exec.ToValue(plain(v))
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

// regexFilter is StackStorm's regex_match (re.match, anchored at the
// start) or regex_search (re.search), with an optional ignorecase argument.
func regexFilter(anchored bool) exec.FilterFunction {
	return func(_ *exec.Evaluator, in *exec.Value, params *exec.VarArgs) *exec.Value {
		if in.IsError() {
			return in
		}
		if len(params.Args) == 0 {
			return exec.AsValue(fmt.Errorf("regex filter: missing pattern"))
		}
		mode := modeSearch
		if len(params.Args) > 1 && params.Args[1].IsTrue() || params.GetKeywordArgument("ignorecase", false).IsTrue() {
			mode = modeSearchI
		}
		re, err := compilePython(params.Args[0].String(), mode)
		if err != nil {
			return exec.AsValue(err)
		}
		loc := re.FindStringIndex(in.String())
		return exec.AsValue(loc != nil && (!anchored || loc[0] == 0))
	}
}

func stringFilter(f func(string) string) exec.FilterFunction {
	return func(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
		if in.IsError() {
			return in
		}
		return exec.AsValue(f(in.String()))
	}
}
