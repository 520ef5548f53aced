package shell

import (
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// Result builds a local shell result as StackStorm does: {stdout, stderr,
// return_code, succeeded, failed} with each stream through ParseOutput; a
// timeout sets return_code -9 and "error"; the status follows the return
// code (0 succeeded, -9 timeout, -15 abandoned, else failed), and
// cancellation wins over all.
func Result(o Outcome, timeout time.Duration) runner.Result {
	code, canceled := o.ExitCode, o.Canceled
	res := map[string]any{}
	if o.TimedOut {
		code = -9
		res["error"] = TimeoutMessage(timeout)
	}
	ok := code == 0 && !canceled
	res["stdout"], res["stderr"] = ParseOutput(o.Stdout), ParseOutput(o.Stderr)
	res["return_code"], res["succeeded"], res["failed"] = code, ok, !ok
	status := statusFor(code)
	if canceled {
		status = runner.StatusCanceled
		res["error"] = "Action execution was canceled"
	}
	return runner.Result{Status: status, Result: res}
}

func statusFor(code int) runner.Status {
	switch code {
	case 0:
		return runner.StatusSucceeded
	case -9:
		return runner.StatusTimeout
	case -15:
		return runner.StatusAbandoned
	}
	return runner.StatusFailed
}

// TimeoutMessage is StackStorm's error for an action that timed out after
// d: "Action failed to complete in 60 seconds".
func TimeoutMessage(d time.Duration) string {
	return fmt.Sprintf("Action failed to complete in %s seconds", runner.PyNumber(d.Seconds()))
}
