package enforce

import (
	"context"
	"encoding/json"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// ActionTrigger is the trigger type emitted when an execution completes.
const ActionTrigger = "core.st2.generic.actiontrigger"

// emitActionTrigger publishes core.st2.generic.actiontrigger for a
// completed execution, with StackStorm's payload. A publishing failure is
// reported to the error handler, never to the execution.
func (e *Enforcer) emitActionTrigger(ctx context.Context, x execution.Execution, result any) {
	if e.publisher == nil {
		return
	}
	payload := map[string]any{
		"execution_id": x.ID, "status": string(x.Status),
		"start_timestamp": x.StartTimestamp.Format(time.RFC3339Nano),
		"action_name":     x.Action.Name, "action_ref": x.Action.Ref, "runner_ref": x.Runner.Name,
		"parameters": x.Parameters, "result": result,
	}
	e.publish(ctx, ActionTrigger, payload, x)
}

// EmitCompletion publishes the action trigger and the notify triggers of
// execution x, which reached its final status outside the runner function
// (canceled by a user), with its recorded result.
func (e *Enforcer) EmitCompletion(ctx context.Context, x execution.Execution) {
	var result any
	if len(x.Result) > 0 {
		_ = json.Unmarshal(x.Result, &result)
	}
	e.emitActionTrigger(ctx, x, result)
	e.emitNotify(ctx, x, result)
}
