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
func Result(code int, stdout, stderr string, timedOut, canceled bool, timeout time.Duration) runner.Result {
	res := map[string]any{}
	if timedOut {
		code = -9
		res["error"] = fmt.Sprintf("Action failed to complete in %s seconds", seconds(timeout))
	}
	ok := code == 0 && !canceled
	res["stdout"], res["stderr"] = ParseOutput(stdout), ParseOutput(stderr)
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

// seconds formats d in seconds as StackStorm prints its timeout: 60, 0.5.
func seconds(d time.Duration) string {
	return runner.PyNumber(d.Seconds())
}
