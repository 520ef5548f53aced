package enforce

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/param"
)

// NotifyTrigger is the trigger type of an action's notify settings.
const NotifyTrigger = "core.st2.generic.notifytrigger"

// notifySections are the notify keys that apply to a final status, in
// StackStorm's order: on-complete always, on-success for succeeded,
// on-failure for StackStorm's failed states (failed, timeout, abandoned;
// a canceled execution notifies on-complete only).
func notifySections(s execution.Status) []string {
	switch s {
	case execution.StatusSucceeded:
		return []string{"on-complete", "on-success"}
	case execution.StatusFailed, execution.StatusTimeout, execution.StatusAbandoned:
		return []string{"on-complete", "on-failure"}
	}
	return []string{"on-complete"}
}

// emitNotify publishes core.st2.generic.notifytrigger once per route of
// each notify section (on-complete, on-success, on-failure) the action
// declares for the execution's final status. Message and data are Jinja
// templates over action_results, action_parameters (masked) and
// action_context; one that fails to render is sent as written and the
// error reported.
func (e *Enforcer) emitNotify(ctx context.Context, x execution.Execution, result any) {
	a, err := e.catalog.Action(x.Action.Ref)
	if err != nil || len(a.Pack.Notify) == 0 || e.publisher == nil {
		return
	}
	for _, section := range notifySections(x.Status) {
		spec, _ := a.Pack.Notify[section].(map[string]any)
		if spec == nil {
			continue
		}
		spec = e.renderNotify(spec, x, result)
		for _, route := range notifyRoutes(spec) {
			e.publish(ctx, NotifyTrigger, notifyPayload(x, spec, route), x)
		}
	}
}

// notifyRoutes returns a section's routes (StackStorm also reads the older
// "channels"); "notify" when none is named.
func notifyRoutes(spec map[string]any) []string {
	for _, k := range []string{"routes", "channels"} {
		if rs := toStrings(spec[k]); len(rs) > 0 {
			return rs
		}
	}
	return []string{"notify"}
}

// renderNotify renders a notify section's message and data.
func (e *Enforcer) renderNotify(spec map[string]any, x execution.Execution, result any) map[string]any {
	vars := map[string]any{"action_results": result, "action_parameters": x.Parameters,
		"action_context": map[string]any{"user": x.Context.User, "execution_id": x.ID, "parent": x.Parent}}
	out := maps.Clone(spec)
	for _, k := range []string{"message", "data"} {
		v, err := param.Render(spec[k], vars)
		if err != nil {
			if e.onError != nil {
				e.onError(fmt.Errorf("rendering notify %s of %s: %w", k, x.ID, err))
			}
			continue
		}
		out[k] = v
	}
	return out
}

func notifyPayload(x execution.Execution, spec map[string]any, route string) map[string]any {
	return map[string]any{
		"execution_id": x.ID, "status": string(x.Status),
		"start_timestamp": x.StartTimestamp.Format(time.RFC3339Nano), "end_timestamp": x.EndTimestamp.Format(time.RFC3339Nano),
		"action_ref": x.Action.Ref, "runner_ref": x.Runner.Name,
		"route": route, "channel": route, "message": spec["message"], "data": spec["data"],
	}
}

// publish emits one trigger event carrying x's trace tag; failures go to
// the error handler. Without a publisher no trigger events are emitted.
func (e *Enforcer) publish(ctx context.Context, triggerType string, payload map[string]any, x execution.Execution) {
	if e.publisher == nil {
		return
	}
	var opts []bus.EventOption
	if x.Context.TraceContext != nil && x.Context.TraceContext.TraceTag != "" {
		opts = append(opts, bus.WithTraceTag(x.Context.TraceContext.TraceTag))
	}
	ev, err := bus.NewEvent(triggerType, nil, payload, opts...)
	if err == nil {
		err = e.publisher.Publish(context.WithoutCancel(ctx), ev)
	}
	if err != nil && e.onError != nil {
		e.onError(err)
	}
}
