package runner

import "context"

// Runner runs one action execution to completion.
//
// Run blocks until the action finishes, times out (the runner's "timeout"
// parameter) or ctx is done; cancelling ctx stops the action (processes are
// killed, connections closed) and yields StatusCanceled, a ctx deadline
// yields StatusTimeout. Run always returns a Result with a final status. A
// non-nil error means the action could not run as asked (invalid
// parameters, missing entry point, refused sudo, unreachable endpoint); the
// Result is then a failed one whose "error" key holds the error's text, so
// callers may record the Result and merely log the error.
//
// Implementations are safe for concurrent use: one Runner serves many
// executions at once.
type Runner interface {
	Run(ctx context.Context, req Request) (Result, error)
}

// Func adapts a function to the Runner interface.
type Func func(ctx context.Context, req Request) (Result, error)

// Run calls f(ctx, req).
func (f Func) Run(ctx context.Context, req Request) (Result, error) { return f(ctx, req) }
