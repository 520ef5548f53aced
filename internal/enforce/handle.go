package enforce

import (
	"context"
	"encoding/json"
	"fmt"
)

// Handle is the enforcer function: it runs the step its input names
// ("enforce" or "finish", see the package documentation) and returns the
// step's output. Errors are for what the machine should see fail (an
// unknown rule, a malformed event, a store failure); problems with the
// action itself are recorded as failed executions and are not errors. Safe
// for concurrent use.
func (e *Enforcer) Handle(ctx context.Context, in json.RawMessage) (json.RawMessage, error) {
	var head struct {
		Step string `json:"step"`
	}
	if err := json.Unmarshal(in, &head); err != nil {
		return nil, fmt.Errorf("decoding enforcer input: %w", err)
	}
	switch head.Step {
	case StepEnforce:
		var req enforceInput
		if err := json.Unmarshal(in, &req); err != nil {
			return nil, fmt.Errorf("decoding enforce input: %w", err)
		}
		return encode(e.enforce(ctx, req))
	case StepFinish:
		var req finishInput
		if err := json.Unmarshal(in, &req); err != nil {
			return nil, fmt.Errorf("decoding finish input: %w", err)
		}
		return encode(e.finish(ctx, req))
	}
	return nil, fmt.Errorf("handling enforcer input: unknown step %q", head.Step)
}

// Runner is the runner function: it runs one action as RunnerRequest
// describes and returns a RunnerResponse. Safe for concurrent use.
func (e *Enforcer) Runner(ctx context.Context, in json.RawMessage) (json.RawMessage, error) {
	var req RunnerRequest
	if err := json.Unmarshal(in, &req); err != nil {
		return nil, fmt.Errorf("decoding runner input: %w", err)
	}
	return encode(e.Run(ctx, req))
}

func encode[T any](v T, err error) (json.RawMessage, error) {
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding output: %w", err)
	}
	return b, nil
}
