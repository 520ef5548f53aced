package jsonata

import (
	jsonatalib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jtypes"
)

// maxDepth is how deeply lambda calls may nest in one evaluation.
const maxDepth = 1000

// guard carries one evaluation's lambda depth. The library passes structs
// by value, so the counter sits behind a pointer.
type guard struct {
	depth *int
}

// guardFunctions are the callables guardLambdas's rewriting calls.
var guardFunctions = map[string]any{
	"__sfnEnter": libraryCallable("__sfnEnter", jsonatalib.Extension{Func: enter}),
	"__sfnLeave": libraryCallable("__sfnLeave", jsonatalib.Extension{Func: leave}),
}

// enter counts one more nested lambda call and fails past maxDepth.
func enter(g any) (bool, error) {
	gd, ok := g.(guard)
	if !ok {
		return false, &functionError{code: "D3137", msg: "internal error: no lambda guard"}
	}
	if *gd.depth++; *gd.depth > maxDepth {
		return false, &functionError{code: "U1001", msg: "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."}
	}
	return true, nil
}

// leave counts one lambda call less and returns its result v (nil when
// the body was undefined).
func leave(g any, v any) (any, error) {
	if gd, ok := g.(guard); ok {
		*gd.depth--
	}
	if v == nil {
		return nil, jtypes.ErrUndefined
	}
	return v, nil
}
