package awsapi

import (
	"context"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

// Engine is what the AWS endpoints ask of the runtime behind them.
// Implementations are safe for concurrent use; stormless up adapts
// *local.Engine.
type Engine interface {
	// Packs returns the loaded packs (workflow actions are looked up in
	// them on every call, so a reload takes effect at once).
	Packs() *pack.Set
	// Publish publishes events; a *bus.PublishError lists the entries it
	// refused.
	Publish(ctx context.Context, events ...bus.Event) error
	// Submit starts action ref with params on behalf of user and returns
	// the execution id once the execution is recorded.
	Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error)
	// Cancel asks execution id to stop; errors wrap execution.ErrNotFound,
	// or execution.ErrConflict when it is final.
	Cancel(ctx context.Context, id string, user string) (execution.Execution, error)
	// Respond answers pending inquiry id; errors wrap
	// execution.ErrNotFound, execution.ErrConflict (no longer pending) or
	// enforce.ErrInvalidResponse.
	Respond(ctx context.Context, id string, response map[string]any, user string) (execution.Inquiry, error)
	// FailInquiry ends pending inquiry id with an error and cause; errors
	// wrap execution.ErrNotFound or execution.ErrConflict.
	FailInquiry(ctx context.Context, id, errName, cause, user string) (execution.Inquiry, error)
}

// Store is the part of the audit trail the endpoints read.
type Store interface {
	GetExecution(ctx context.Context, id string) (execution.Execution, error)
	GetInquiry(ctx context.Context, id string) (execution.Inquiry, error)
}
