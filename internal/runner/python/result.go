package python

import (
	"errors"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

// ErrInvalidStatus is returned (wrapped) when an action's run() returned a
// status that is not a boolean; the error's text is the shim's message.
var ErrInvalidStatus = errors.New("invalid action status")

// result builds StackStorm's python-script result from the process's
// outcome and what the shim reported.
func result(o shell.Outcome, sh outcome, timeout time.Duration) (runner.Result, error) {
	if o.ExitCode == invalidStatusExitCode && !o.TimedOut && !o.Canceled {
		err := &statusError{msg: strings.TrimSpace(o.Stderr)}
		return runner.Failed(err), err
	}
	res := map[string]any{"stdout": o.Stdout, "stderr": o.Stderr, "exit_code": o.ExitCode, "result": "None"}
	if sh.done {
		res["result"] = sh.result
	}
	st := status(o.ExitCode, sh.status)
	switch {
	case o.Canceled:
		st = runner.StatusCanceled
		res["error"] = "Action execution was canceled"
	case o.TimedOut:
		st = runner.StatusTimeout
		res["exit_code"] = -9
		res["error"] = shell.TimeoutMessage(timeout)
	}
	return runner.Result{Status: st, Result: res}, nil
}

// status follows StackStorm: the action's own flag when it gave one (and
// exited 0), else the exit code.
func status(code int, flag *bool) runner.Status {
	if code == 0 && (flag == nil || *flag) {
		return runner.StatusSucceeded
	}
	return runner.StatusFailed
}

// statusError is a run() that returned a non-boolean status.
type statusError struct{ msg string }

func (e *statusError) Error() string { return e.msg }
func (e *statusError) Unwrap() error { return ErrInvalidStatus }
