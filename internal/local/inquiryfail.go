package local

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// FailInquiry ends pending inquiry id on behalf of user with an error, as
// Step Functions' SendTaskFailure does for the task waiting on it: the
// inquiry ends canceled, its execution failed with {"error", "cause"},
// and the workflow task fails with errName and cause (a Catch may handle
// it). Errors wrap execution.ErrNotFound for an unknown inquiry and
// execution.ErrConflict for one no longer pending.
func (e *Engine) FailInquiry(ctx context.Context, id, errName, cause, user string) (execution.Inquiry, error) {
	if _, err := e.hold(); err != nil {
		return execution.Inquiry{}, fmt.Errorf("failing inquiry %s: %w", id, err)
	}
	defer e.wg.Done()
	return e.enforcer.FailInquiry(ctx, id, errName, cause, user)
}
