package runner

import "context"

// Noop is the "noop" runner: it does nothing and succeeds with StackStorm's
// result {"failed": false, "succeeded": true, "return_code": 0}.
var Noop Runner = Func(func(context.Context, Request) (Result, error) {
	return Result{Status: StatusSucceeded, Result: map[string]any{"failed": false, "succeeded": true, "return_code": 0}}, nil
})
