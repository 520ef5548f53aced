package interp

import (
	"context"
)

// EventPublisher receives the entries of events:putEvents tasks (each the
// PutEvents entry object: Source, DetailType, Detail, EventBusName ...).
// It returns one event id per entry. Implementations must be safe for
// concurrent use.
type EventPublisher interface {
	PutEvents(ctx context.Context, entries []map[string]any) ([]string, error)
}

// putEvents serves arn:aws:states:::events:putEvents.
func (in *Interpreter) putEvents(ctx context.Context, req *TaskRequest) (any, error) {
	if in.publisher == nil {
		return nil, fail(ErrTaskFailed, "no event publisher is configured for events:putEvents")
	}
	p, _ := req.Parameters.(map[string]any)
	raw, _ := p["Entries"].([]any)
	entries := make([]map[string]any, 0, len(raw))
	for _, e := range raw {
		if m, ok := e.(map[string]any); ok {
			entries = append(entries, m)
		}
	}
	ids, err := in.publisher.PutEvents(ctx, entries)
	if err != nil {
		return nil, fail("EventBridge.EventBridgeException", "putting events: %v", err)
	}
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = map[string]any{"EventId": id}
	}
	return map[string]any{"Entries": out, "FailedEntryCount": float64(0)}, nil
}
