package enforce

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// FailInquiry ends pending inquiry id on behalf of user as Step Functions'
// SendTaskFailure ends the task waiting on it: the inquiry ends canceled,
// its execution fails with the result {"error": errName, "cause": cause},
// and the workflow task waiting on it fails with that error name and
// cause. An unknown inquiry fails with execution.ErrNotFound, one no
// longer pending with execution.ErrConflict.
func (e *Enforcer) FailInquiry(ctx context.Context, id, errName, cause, user string) (execution.Inquiry, error) {
	r := execution.Resolution{Status: execution.InquiryCanceled, By: user, At: e.timestamp()}
	q, err := e.store.ResolveInquiry(ctx, id, r)
	if err != nil {
		return execution.Inquiry{}, fmt.Errorf("failing inquiry %s: %w", id, err)
	}
	result := map[string]any{"error": errName, "cause": cause}
	x, err := e.complete(ctx, id, execution.StatusPending, execution.StatusFailed, result)
	if err != nil {
		return q, err
	}
	e.inquiryResolved(ctx, x)
	token, ok := e.tokens.m.LoadAndDelete(id)
	if !ok || e.taskTokens == nil {
		return q, nil
	}
	if err := e.taskTokens.SendTaskFailure(token.(string), errName, cause); err != nil {
		return q, fmt.Errorf("failing the workflow task of inquiry %s: %w", id, err)
	}
	return q, nil
}
