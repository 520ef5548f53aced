package conformance

import (
	"encoding/json"
	"reflect"
	"strings"
)

// call is one recorded service call of a Task state and how it ended.
type call struct {
	State string
	// Params is the TaskScheduled parameters, or the Lambda/activity input.
	Params any
	// Submitted is the TaskSubmitted output of a callback task.
	Submitted    any
	HasSubmitted bool
	// End is the type of the event that ended the call ("" while pending):
	// a *Succeeded, *Failed or *TimedOut event.
	End          string
	Output       any
	Error, Cause string
}

// succeeded, failed and timedOut classify the end of the call.
func (c *call) succeeded() bool { return strings.HasSuffix(c.End, "Succeeded") }
func (c *call) timedOut() bool  { return strings.HasSuffix(c.End, "TimedOut") }
func (c *call) failed() bool    { return c.End != "" && !c.succeeded() && !c.timedOut() }

// scheduledTypes open a call; their details hold the request.
var scheduledTypes = map[string]string{
	"TaskScheduled":           "parameters",
	"LambdaFunctionScheduled": "input",
	"ActivityScheduled":       "input",
}

// The kinds of call besides "resourceType:resource" of TaskScheduled.
const (
	kindLambdaFunction = "lambda function"
	kindActivity       = "activity"
)

// resources returns, per Task state, the kind of call the history records
// it making: "lambda:invoke", "states:startExecution.sync:2", ...
func (h *history) resources() map[string]string {
	out := map[string]string{}
	for _, ev := range h.Events {
		kind := callKind(ev)
		if kind == "" || ev.ID < 0 {
			continue
		}
		if state := h.stateOf(ev); state != "" {
			out[state] = kind
		}
	}
	return out
}

// callKind returns the kind of call a *Scheduled event starts, or "".
func callKind(ev event) string {
	switch ev.Type {
	case "TaskScheduled":
		return ev.detail("resourceType") + ":" + ev.detail("resource")
	case "LambdaFunctionScheduled":
		return kindLambdaFunction
	case "ActivityScheduled":
		return kindActivity
	}
	return ""
}

// calls returns the recorded calls of every Task state, per state name, in
// history order.
func (h *history) calls() map[string][]*call {
	out := map[string][]*call{}
	open := map[int64]*call{}
	for _, ev := range h.Events {
		if ev.ID < 0 {
			continue
		}
		if field, ok := scheduledTypes[ev.Type]; ok {
			c := &call{State: h.stateOf(ev), Params: payload(ev.Details[field])}
			open[ev.ID] = c
			out[c.State] = append(out[c.State], c)
			continue
		}
		if c := h.openCall(ev, open); c != nil {
			c.record(ev, h.causeText)
		}
	}
	h.unchainedCalls(out)
	return out
}

// unchainedCalls adds the calls among events whose ids the snapshot lost
// (it writes [0] for events of aborted Parallel branches, out of order):
// the k-th scheduling pairs with the k-th Task state entered and the k-th
// outcome, or a lone scheduling with every outcome.
func (h *history) unchainedCalls(out map[string][]*call) {
	states, calls, ends := h.unchained()
	for i, c := range calls {
		if i < len(states) {
			c.State = states[i]
		}
		switch {
		case len(calls) == 1:
			for _, ev := range ends {
				c.record(ev, h.causeText)
			}
		case i < len(ends):
			c.record(ends[i], h.causeText)
		}
		out[c.State] = append(out[c.State], c)
	}
}

// unchained splits the events without ids into Task states entered, calls
// scheduled and call events that end or complete a call.
func (h *history) unchained() (states []string, calls []*call, ends []event) {
	for _, ev := range h.Events {
		if ev.ID >= 0 {
			continue
		}
		field, scheduled := scheduledTypes[ev.Type]
		switch {
		case ev.Type == "TaskStateEntered":
			states = append(states, ev.detail("name"))
		case scheduled:
			calls = append(calls, &call{Params: payload(ev.Details[field])})
		case isCallEvent(ev.Type) && !strings.HasSuffix(ev.Type, "Started"):
			ends = append(ends, ev)
		}
	}
	return states, calls, ends
}

// openCall finds the call an event belongs to by walking previousEventId
// back to its *Scheduled event.
func (h *history) openCall(ev event, open map[int64]*call) *call {
	if !isCallEvent(ev.Type) {
		return nil
	}
	for cur := ev; ; {
		if c, ok := open[cur.ID]; ok {
			return c
		}
		i, ok := h.byID[cur.Prev]
		if !ok || cur.Prev == cur.ID || h.Events[i].Type == cur.Type {
			return nil
		}
		cur = h.Events[i]
		if strings.HasSuffix(cur.Type, "StateEntered") {
			return nil
		}
	}
}

func isCallEvent(typ string) bool {
	for _, p := range []string{"Task", "LambdaFunction", "Activity"} {
		if strings.HasPrefix(typ, p) && !strings.HasPrefix(typ, "TaskState") {
			return true
		}
	}
	return false
}

// record notes a Submitted, Succeeded, Failed or TimedOut event; causeText
// recovers a cause's text.
func (c *call) record(ev event, causeText func(any) string) {
	switch {
	case ev.Type == "TaskSubmitted":
		c.Submitted, c.HasSubmitted = payload(ev.Details["output"]), true
	case strings.HasSuffix(ev.Type, "Succeeded"):
		c.End, c.Output = ev.Type, payload(ev.Details["output"])
	case strings.HasSuffix(ev.Type, "Failed") || strings.HasSuffix(ev.Type, "TimedOut"):
		c.End = ev.Type
		c.Error = ev.detail("error")
		c.Cause = causeText(ev.Details["cause"])
	}
}

// causeText returns a recorded cause as the string AWS sent. Snapshots
// parse JSON causes into objects, losing their layout, so the text is looked
// for among the history's strings (a state output that caught the error
// holds it); failing that, the object is written compactly.
func (h *history) causeText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	if s, ok := h.findJSONText(v); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// findJSONText finds a string in the history whose JSON value is v.
func (h *history) findJSONText(v any) (string, bool) {
	for _, ev := range h.Events {
		if s, ok := findText(ev.Details, v); ok {
			return s, true
		}
	}
	return "", false
}

func findText(in, v any) (string, bool) {
	switch x := in.(type) {
	case string:
		if strings.HasPrefix(x, "{") || strings.HasPrefix(x, "[") {
			var parsed any
			if json.Unmarshal([]byte(x), &parsed) == nil && reflect.DeepEqual(parsed, v) {
				return x, true
			}
		}
	case map[string]any:
		for _, c := range x {
			if s, ok := findText(c, v); ok {
				return s, true
			}
		}
	case []any:
		for _, c := range x {
			if s, ok := findText(c, v); ok {
				return s, true
			}
		}
	}
	return "", false
}
