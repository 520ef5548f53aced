package runner

import "context"

// Runner runs one action execution.
//
// Run blocks until the action finishes, times out (the runner's "timeout"
// parameter) or ctx is done; cancelling ctx stops the action (processes are
// killed, connections closed) and yields StatusCanceled, a ctx deadline
// yields StatusTimeout. Run always returns a Result with a status. A
// non-nil error means the action could not run as asked (invalid
// parameters, missing entry point, refused sudo, unreachable endpoint); the
// Result is then a failed one whose "error" key holds the error's text, so
// callers may record the Result and merely log the error.
//
// The runners of this module are synchronous and always return a final
// status; an asynchronous runner (inquirer, orquesta, action-chain) may
// instead return StatusPending, StatusRunning or StatusPaused, with a
// Result describing what it waits for.
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
