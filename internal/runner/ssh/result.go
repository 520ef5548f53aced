package ssh

import (
	"context"
	"errors"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

// hostResult is a host's result when its command ran to its end.
func hostResult(o hostOutcome) map[string]any {
	ok := o.code == 0
	return map[string]any{
		"stdout": shell.ParseOutput(o.stdout), "stderr": shell.ParseOutput(o.stderr),
		"return_code": o.code, "succeeded": ok, "failed": !ok,
	}
}

// status is the execution's status from the host results, as StackStorm's
// _get_result_status: hosts in the order given; without partial failure
// the first failed host decides (timeout when it timed out), with it the
// first succeeded host makes it succeed.
func (r *Runner) status(ctx context.Context, results map[string]any, targets []target) runner.Status {
	if errors.Is(ctx.Err(), context.Canceled) {
		return runner.StatusCanceled
	}
	success, timeout := !r.partial, true
	for _, t := range targets {
		h, _ := results[t.name].(map[string]any)
		ok, _ := h["succeeded"].(bool)
		to, _ := h["timeout"].(bool)
		timeout = timeout && to
		if r.partial {
			success = success || ok
		} else {
			success = success && ok
		}
		if success == r.partial {
			break
		}
	}
	switch {
	case success:
		return runner.StatusSucceeded
	case timeout:
		return runner.StatusTimeout
	}
	return runner.StatusFailed
}
