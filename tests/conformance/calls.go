package conformance

import (
	"encoding/json"
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

// calls returns the recorded calls of every Task state, per state name, in
// history order.
func (h *history) calls() map[string][]*call {
	out := map[string][]*call{}
	open := map[int64]*call{}
	for _, ev := range h.Events {
		if field, ok := scheduledTypes[ev.Type]; ok {
			c := &call{State: h.stateOf(ev), Params: payload(ev.Details[field])}
			open[ev.ID] = c
			out[c.State] = append(out[c.State], c)
			continue
		}
		if c := h.openCall(ev, open); c != nil {
			c.record(ev)
		}
	}
	return out
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

// record notes a Submitted, Succeeded, Failed or TimedOut event.
func (c *call) record(ev event) {
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

// causeText returns a recorded cause as the string AWS sent: snapshots
// parse JSON causes into objects.
func causeText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}
