package runner

// Status is an execution's status, with StackStorm's names.
type Status string

// The final statuses a runner returns.
const (
	StatusSucceeded Status = "succeeded"
	StatusFailed    Status = "failed"
	StatusTimeout   Status = "timeout"
	StatusCanceled  Status = "canceled"
	// StatusAbandoned is a local process that was killed with SIGTERM
	// (return code -15), as StackStorm reports it.
	StatusAbandoned Status = "abandoned"
)

// Statuses of an execution that is not finished. Asynchronous runners
// (inquirer, workflows) return one from Run when they hand the execution
// back to the engine, which completes it later.
const (
	StatusPending Status = "pending"
	StatusRunning Status = "running"
	StatusPaused  Status = "paused"
)

// Final reports whether s ends an execution.
func (s Status) Final() bool {
	switch s {
	case StatusSucceeded, StatusFailed, StatusTimeout, StatusCanceled, StatusAbandoned:
		return true
	}
	return false
}

// Result is a finished execution: its status and the result document in
// the shape of StackStorm's runner (e.g. {stdout, stderr, return_code,
// succeeded, failed} for the shell runners).
type Result struct {
	Status Status
	// Result is JSON-compatible: maps, slices, strings, float64, int,
	// bool, nil.
	Result any
}

// Failed returns the failed Result StackStorm records when a runner raises:
// {"error": err's text, "traceback": ""}. A nil err gives a failed Result
// with an empty error.
func Failed(err error) Result {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	return Result{Status: StatusFailed, Result: map[string]any{"error": msg, "traceback": ""}}
}
