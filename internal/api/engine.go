package api

import (
	"context"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

// Engine is what the API asks of the engine behind it (the local runtime,
// or on AWS the adapter that starts state machines). Implementations are safe
// for concurrent use.
type Engine interface {
	// Packs returns the loaded packs; the API reads actions, rules, trigger
	// types and packs from it.
	Packs() *pack.Set
	// Publish publishes trigger instances; each accepted event has its
	// trigger instance recorded before Publish returns.
	Publish(ctx context.Context, events ...bus.Event) error
	// Submit starts action ref with params on behalf of user and returns
	// the execution id once the execution is recorded. The API validates
	// ref and params before it calls Submit.
	Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error)
	// Respond answers pending inquiry id on behalf of user. Errors wrap
	// execution.ErrNotFound, execution.ErrConflict (no longer pending) or
	// enforce.ErrInvalidResponse (the response fails the inquiry's schema).
	Respond(ctx context.Context, id string, response map[string]any, user string) (execution.Inquiry, error)
}

// Canceler is the optional part of an Engine that cancels executions.
// DELETE /api/v1/executions/{id} answers 501 when the Engine does not
// implement it.
type Canceler interface {
	// Cancel asks execution id to stop on behalf of user and returns it
	// (canceling or canceled). Errors wrap execution.ErrNotFound, or
	// execution.ErrConflict when the execution is already final.
	Cancel(ctx context.Context, id string, user string) (execution.Execution, error)
}

// Pauser is the optional part of an Engine that pauses and resumes workflow
// executions. PUT /api/v1/executions/{id} with status pausing or resuming
// answers 501 when the Engine does not implement it.
type Pauser interface {
	// Pause asks workflow execution id to pause on behalf of user.
	Pause(ctx context.Context, id string, user string) (execution.Execution, error)
	// Resume resumes paused workflow execution id on behalf of user.
	Resume(ctx context.Context, id string, user string) (execution.Execution, error)
}

// Reloader is the optional part of an Engine that reloads its packs.
// POST /api/v1/packs/reload answers 501 when the Engine does not implement it.
type Reloader interface {
	// Reload loads and compiles the packs again and switches to them; on
	// error the engine keeps the packs it had. Problems in the packs are a
	// pack.ErrorList (answered 400, one located problem a line).
	Reload(ctx context.Context) (*pack.Set, error)
}
