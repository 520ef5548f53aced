package local

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/execution"
)

// Respond answers pending inquiry id (a core.ask task of a running
// workflow) on behalf of user, as the API's PUT /inquiries/{id} does: the
// response must satisfy the inquiry's schema (enforce.ErrInvalidResponse
// otherwise, and the inquiry stays pending); then the inquiry and its
// execution succeed and the workflow goes on. Errors wrap
// execution.ErrNotFound for an unknown inquiry and execution.ErrConflict
// for one no longer pending.
func (e *Engine) Respond(ctx context.Context, id string, response map[string]any, user string) (execution.Inquiry, error) {
	if _, err := e.hold(); err != nil {
		return execution.Inquiry{}, fmt.Errorf("responding to inquiry %s: %w", id, err)
	}
	defer e.wg.Done()
	return e.enforcer.Respond(ctx, id, response, user)
}

// taskTokens hands inquiry responses to the interpreter, which exists only
// once the enforcer is built.
type taskTokens struct{ e *Engine }

// SendTaskSuccess implements enforce.TaskTokens.
func (t taskTokens) SendTaskSuccess(token string, output any) error {
	if t.e.interp == nil {
		return errors.New("sending task success: no interpreter")
	}
	return t.e.interp.SendTaskSuccess(token, output)
}

// SendTaskFailure implements enforce.TaskTokens.
func (t taskTokens) SendTaskFailure(token, errName, cause string) error {
	if t.e.interp == nil {
		return errors.New("sending task failure: no interpreter")
	}
	return t.e.interp.SendTaskFailure(token, errName, cause)
}
