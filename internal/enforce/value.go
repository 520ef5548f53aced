package enforce

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/envelope"
)

// HandleValue is Handle for an in-process host that holds the input as a
// generic JSON value (maps, slices, float64, string, bool, nil), as the
// interpreter does: it reads the input and builds the output without
// encoding either as JSON text. Its output is the generic form of
// Handle's, and its errors are Handle's. Input of an unusual shape takes
// Handle's own path. It never modifies its input nor keeps it past its
// return (what it records, publishes and returns is encoded or copied), so
// a host may hand it a value it shares. Safe for concurrent use.
func (e *Enforcer) HandleValue(ctx context.Context, in any) (any, error) {
	m, ok := in.(map[string]any)
	if !ok {
		return viaJSON(ctx, e.Handle, in)
	}
	switch m["step"] {
	case StepEnforce:
		req, ok := e.enforceInputOf(m)
		if !ok {
			return viaJSON(ctx, e.Handle, in)
		}
		out, err := e.enforce(ctx, req)
		if err != nil {
			return nil, err
		}
		return out.value(), nil
	case StepFinish:
		req, ok := finishInputOf(m)
		if !ok {
			return viaJSON(ctx, e.Handle, in)
		}
		out, err := e.finish(ctx, req)
		if err != nil {
			return nil, err
		}
		return out.value(), nil
	}
	return viaJSON(ctx, e.Handle, in)
}

// RunnerValue is Runner for an in-process host holding generic JSON
// values, as HandleValue is Handle's. Safe for concurrent use.
func (e *Enforcer) RunnerValue(ctx context.Context, in any) (any, error) {
	m, ok := in.(map[string]any)
	if !ok {
		return viaJSON(ctx, e.Runner, in)
	}
	req, ok := runnerRequestOf(m)
	if !ok {
		return viaJSON(ctx, e.Runner, in)
	}
	out, err := e.Run(ctx, req)
	if err != nil {
		return nil, err
	}
	return out.value(), nil
}

// viaJSON calls a JSON handler with a generic value and decodes its output.
func viaJSON(ctx context.Context, h func(context.Context, json.RawMessage) (json.RawMessage, error), in any) (any, error) {
	raw, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("encoding input: %w", err)
	}
	out, err := h(ctx, raw)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("decoding output: %w", err)
	}
	return v, nil
}

// enforceInputOf reads the enforce step's input; false when a field has a
// type json.Unmarshal would refuse or the event needs Handle's decoding.
func (e *Enforcer) enforceInputOf(m map[string]any) (enforceInput, bool) {
	var in enforceInput
	ok := exactKeys(m, "step", "rule", "event", "action", "parameters", "user", "id", "retry_count", "settle") && optBool(m, "settle", &in.Settle) && optString(m, "step", &in.Step) && optString(m, "rule", &in.Rule) && optString(m, "action", &in.Action) &&
		optString(m, "user", &in.User) && optString(m, "id", &in.ID) && optInt(m, "retry_count", &in.RetryCount) &&
		optObject(m, "parameters", &in.Parameters)
	if !ok {
		return in, false
	}
	if ev, has := m["event"]; has && ev != nil {
		if e.recordTriggers {
			return in, false // recording keeps the payload's JSON text
		}
		t, ok := triggerOf(ev)
		if !ok {
			return in, false
		}
		in.decoded = &t
	}
	if in.Rule != "" && in.Action == "" && in.decoded == nil {
		return in, false // no event: Handle says why
	}
	return in, true
}

// triggerOf reads a Stormless trigger event's trigger instance as
// decodeTrigger does; false for anything else (an AWS service event, a
// detail without an id, a field of another type), which decodeTrigger
// handles.
func triggerOf(v any) (trigger, bool) {
	ev, ok := v.(map[string]any)
	if !ok || !envelopeFieldsOK(ev) {
		return trigger{}, false
	}
	d, ok := ev["detail"].(map[string]any)
	if !ok || !exactKeys(d, "trigger", "payload", "trace_tag", "id") {
		return trigger{}, false
	}
	tr, ok := d["trigger"].(map[string]any)
	if !ok || !exactKeys(tr, "type", "parameters") {
		return trigger{}, false
	}
	var t trigger
	var params map[string]any
	if !optString(tr, "type", &t.Type) || t.Type == "" || !optObject(tr, "parameters", &params) ||
		!optString(d, "id", &t.ID) || t.ID == "" || !optString(d, "trace_tag", &t.TraceTag) {
		return trigger{}, false
	}
	p, ok := d["payload"]
	if !ok {
		return trigger{}, false
	}
	if s, ok := ev["time"].(string); ok {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return trigger{}, false
		}
		t.Time = at
	}
	if t.TraceTag == "" {
		t.TraceTag = t.ID
	}
	t.Payload = p
	return t, true
}

// envelopeFieldsOK reports whether the envelope's fields have the types
// bus.Event decodes (absent is fine), and it is a Stormless event.
func envelopeFieldsOK(ev map[string]any) bool {
	if !exactKeys(ev, "version", "id", "source", "detail-type", "time", "region", "account", "resources", "detail") {
		return false
	}
	for _, k := range []string{"version", "id", "detail-type", "region", "account", "time"} {
		if v, has := ev[k]; has && v != nil {
			if _, ok := v.(string); !ok {
				return false
			}
		}
	}
	src, _ := ev["source"].(string)
	if !strings.HasPrefix(src, envelope.SourcePrefix) {
		return false
	}
	if r, has := ev["resources"]; has && r != nil {
		rs, ok := r.([]any)
		if !ok {
			return false
		}
		for _, x := range rs {
			if _, ok := x.(string); !ok {
				return false
			}
		}
	}
	return true
}

// finishInputOf reads the finish step's input; false when a field has a
// type json.Unmarshal would refuse.
func finishInputOf(m map[string]any) (finishInput, bool) {
	var in finishInput
	if !exactKeys(m, "step", "execution", "outcome", "error", "retries") || !optString(m, "step", &in.Step) || !optInt(m, "retries", &in.Retries) {
		return in, false
	}
	if x, has := m["execution"]; has && x != nil {
		xm, ok := x.(map[string]any)
		if !ok || !in.Execution.read(xm) {
			return in, false
		}
	}
	if o, has := m["outcome"]; has && o != nil {
		om, ok := o.(map[string]any)
		if !ok || !exactKeys(om, "status", "result", "execution_id") {
			return in, false
		}
		r := &RunnerResponse{Result: om["result"]}
		if !optString(om, "status", &r.Status) || !optString(om, "execution_id", &r.ExecutionID) {
			return in, false
		}
		in.Outcome = r
	}
	if te, has := m["error"]; has && te != nil {
		tm, ok := te.(map[string]any)
		if !ok || !exactKeys(tm, "Error", "Cause") {
			return in, false
		}
		var err taskError
		if !optString(tm, "Error", &err.Error) || !optString(tm, "Cause", &err.Cause) {
			return in, false
		}
		in.Error = &err
	}
	return in, true
}

// runnerRequestOf reads the runner function's input; false when a field
// has a type json.Unmarshal would refuse.
func runnerRequestOf(m map[string]any) (RunnerRequest, bool) {
	var r RunnerRequest
	ok := exactKeys(m, "action", "parameters", "context", "task_token") && optString(m, "action", &r.Action) && optObject(m, "parameters", &r.Parameters) &&
		optObject(m, "context", &r.Context) && optString(m, "task_token", &r.TaskToken)
	return r, ok
}

// exactKeys reports whether no key of m matches one of names only up to
// case, which json.Unmarshal would take for that field.
func exactKeys(m map[string]any, names ...string) bool {
	for k := range m {
		for _, n := range names {
			if k != n && strings.EqualFold(k, n) {
				return false
			}
		}
	}
	return true
}

// optString sets *dst from m[k] when it is a string; absent or null leaves
// it; any other type is false.
func optString(m map[string]any, k string, dst *string) bool {
	v, has := m[k]
	if !has || v == nil {
		return true
	}
	s, ok := v.(string)
	*dst = s
	return ok
}

// optBool sets *dst from m[k] when it is a boolean.
func optBool(m map[string]any, k string, dst *bool) bool {
	v, has := m[k]
	if !has || v == nil {
		return true
	}
	b, ok := v.(bool)
	*dst = b
	return ok
}

// optInt sets *dst from m[k] when it is a whole number that fits an int.
func optInt(m map[string]any, k string, dst *int) bool {
	v, has := m[k]
	if !has || v == nil {
		return true
	}
	f, ok := v.(float64)
	if !ok || f != float64(int64(f)) || f > 1<<53 || f < -(1<<53) {
		return false
	}
	*dst = int(f)
	return true
}

// optObject sets *dst from m[k] when it is an object.
func optObject(m map[string]any, k string, dst *map[string]any) bool {
	v, has := m[k]
	if !has || v == nil {
		return true
	}
	o, ok := v.(map[string]any)
	*dst = o
	return ok
}

// value is out in the generic form of its JSON encoding.
func (o enforceOutput) value() any {
	m := map[string]any{"outcome": o.Outcome}
	if o.Execution != nil {
		m["execution"] = o.Execution.value()
	}
	if o.Request != nil {
		m["request"] = o.Request.value()
	}
	if o.Workflow != nil {
		m["workflow"] = map[string]any{"arn": o.Workflow.ARN, "input": generic(o.Workflow.Input)}
	}
	if o.Reason != "" {
		m["reason"] = o.Reason
	}
	return m
}

// value is r in the generic form of its JSON encoding.
func (r *RunnerRequest) value() any {
	m := map[string]any{"action": r.Action, "parameters": generic(r.Parameters)}
	if len(r.Context) > 0 {
		m["context"] = generic(r.Context)
	}
	if r.TaskToken != "" {
		m["task_token"] = r.TaskToken
	}
	return m
}

// value is r in the generic form of its JSON encoding.
func (r RunnerResponse) value() any {
	m := map[string]any{"status": r.Status, "result": generic(r.Result)}
	if r.ExecutionID != "" {
		m["execution_id"] = r.ExecutionID
	}
	return m
}

// value is o in the generic form of its JSON encoding.
func (o finishOutput) value() any {
	m := map[string]any{"outcome": o.Outcome, "execution": o.Execution.value(), "status": o.Status, "delay": float64(o.Delay)}
	if o.RetryCount != 0 {
		m["retry_count"] = float64(o.RetryCount)
	}
	if o.Settled {
		m["settled"] = true
	}
	return m
}

// generic returns a copy of v in generic JSON form (maps, slices, float64,
// string, bool, nil) without JSON text for the common types; anything
// else goes through encoding/json. A value that does not encode becomes
// null, as it cannot come from a handler that encodes its output.
func generic(v any) any {
	switch x := v.(type) {
	case nil, string, bool, float64:
		return x
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case map[string]any:
		if x == nil {
			return nil
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = generic(e)
		}
		return out
	case []any:
		if x == nil {
			return nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = generic(e)
		}
		return out
	case []string:
		if x == nil {
			return nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	if json.Unmarshal(raw, &out) != nil {
		return nil
	}
	return out
}
