package rule

import (
	"fmt"
	"path"

	"github.com/nikolalohinski/gonja/v2/exec"

	"github.com/stormless/stormless/internal/jinja"
)

// env is StackStorm's Jinja environment for criteria patterns: the st2
// filters of package jinja, and those patterns use beside them. Python's
// "'fmt' % args" is rewritten into the pyformat filter after parsing.
var env = jinja.MustNew(
	jinja.WithFilters(map[string]exec.FilterFunction{
		"pyformat":     filterPyFormat,
		"regex_match":  regexFilter(true),
		"regex_search": regexFilter(false),
		"basename":     stringFilter(path.Base),
		"dirname":      stringFilter(path.Dir),
	}),
	jinja.WithRewrite(rewriteStringFormat),
)

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
