package conformance

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// event is one GetExecutionHistory event in generic form.
type event struct {
	ID, Prev int64
	Type     string
	// Details is the "<kind>EventDetails" object, or nil.
	Details map[string]any
}

// history is one execution's events, recorded or replayed.
type history struct {
	// Key is the recorded-content key it came from ("" for a replay).
	Key    string
	Events []event
	byID   map[int64]int
}

// recordedHistories returns the execution histories of an entry, in key
// order: every recorded response holding an "events" list that starts with
// ExecutionStarted.
func recordedHistories(content map[string]json.RawMessage) ([]*history, error) {
	keys := make([]string, 0, len(content))
	for k := range content {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []*history
	for _, k := range keys {
		var resp struct {
			Events []any `json:"events"`
		}
		if json.Unmarshal(content[k], &resp) != nil || len(resp.Events) == 0 {
			continue
		}
		h, err := parseHistory(k, resp.Events)
		if err != nil {
			return nil, fmt.Errorf("reading history %s: %w", k, err)
		}
		if h.Events[0].Type == "ExecutionStarted" {
			out = append(out, h)
		}
	}
	return out, nil
}

// assignedBy returns the value the first exit of state assigned to name.
func (h *history) assignedBy(state, name string) (any, bool) {
	for _, ev := range h.Events {
		if !strings.HasSuffix(ev.Type, "StateExited") || ev.Details["name"] != state {
			continue
		}
		vars, _ := ev.Details["assignedVariables"].(map[string]any)
		v, ok := vars[name]
		if raw, isText := v.(string); isText {
			// Values are JSON text; the snapshot parsed objects only.
			ok = json.Unmarshal([]byte(raw), &v) == nil
		}
		return v, ok
	}
	return nil, false
}

// parseHistory reads a list of events in generic JSON form.
func parseHistory(key string, raw []any) (*history, error) {
	h := &history{Key: key, byID: map[int64]int{}}
	for i, r := range raw {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("reading event %d: not an object", i)
		}
		ev := event{ID: toInt(m["id"]), Prev: toInt(m["previousEventId"])}
		ev.Type, _ = m["type"].(string)
		for k, v := range m {
			if strings.HasSuffix(k, "EventDetails") {
				ev.Details, _ = v.(map[string]any)
			}
		}
		h.byID[ev.ID] = len(h.Events)
		h.Events = append(h.Events, ev)
	}
	if len(h.Events) == 0 {
		return nil, errors.New("reading events: none")
	}
	return h, nil
}

// toInt reads an event id; anything but a number (the corpus has "[0]")
// gives -1.
func toInt(v any) int64 {
	if f, ok := v.(float64); ok {
		return int64(f)
	}
	return -1
}

// payload returns an event's input or output as a JSON value: the history
// API carries JSON text, which the snapshots keep as text for scalars and
// arrays and parse for objects.
func payload(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return v
	}
	return out
}

// detail returns a string field of an event's details.
func (ev event) detail(key string) string {
	s, _ := ev.Details[key].(string)
	return s
}

// input returns the execution input from ExecutionStarted.
func (h *history) input() any {
	return payload(h.Events[0].Details["input"])
}

// outcome is how an execution ended.
type outcome struct {
	// Status is SUCCEEDED, FAILED, ABORTED, TIMED_OUT or "" when the
	// history does not say.
	Status       string
	Output       any
	Error, Cause any
}

// outcome reads the last execution-level event.
func (h *history) outcome() outcome {
	for i := len(h.Events) - 1; i >= 0; i-- {
		ev := h.Events[i]
		switch ev.Type {
		case "ExecutionSucceeded":
			return outcome{Status: "SUCCEEDED", Output: payload(ev.Details["output"])}
		case "ExecutionFailed":
			return outcome{Status: "FAILED", Error: ev.Details["error"], Cause: ev.Details["cause"]}
		case "ExecutionAborted":
			return outcome{Status: "ABORTED"}
		case "ExecutionTimedOut":
			return outcome{Status: "TIMED_OUT", Error: ev.Details["error"], Cause: ev.Details["cause"]}
		}
	}
	return outcome{}
}

// summary describes the outcome in a few words.
func (o outcome) summary() string {
	switch o.Status {
	case "SUCCEEDED":
		return "SUCCEEDED"
	case "FAILED", "TIMED_OUT":
		cause := causeString(o.Cause)
		if len(cause) > 120 {
			cause = cause[:117] + "..."
		}
		return fmt.Sprintf("%s %v (%s)", o.Status, o.Error, cause)
	}
	return o.Status
}

func causeString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return short(v)
}

// firstEntered returns the position of the first entry into a state, or
// the end of the history.
func (h *history) firstEntered(name string) int {
	for i, ev := range h.Events {
		if strings.HasSuffix(ev.Type, "StateEntered") && ev.detail("name") == name {
			return i
		}
	}
	return len(h.Events)
}

// inputNormalisedAway reports whether the snapshot replaced a timestamp in
// the execution input by a placeholder, so the run cannot be replayed.
func (h *history) inputNormalisedAway() bool {
	return hasTimePlaceholder(h.input())
}

func hasTimePlaceholder(v any) bool {
	switch x := v.(type) {
	case string:
		l := strings.ToLower(x)
		return x == "date" || x == "timestamp" || (placeholderRE.FindString(x) == x && (strings.Contains(l, "date") || strings.Contains(l, "time")))
	case map[string]any:
		for _, c := range x {
			if hasTimePlaceholder(c) {
				return true
			}
		}
	case []any:
		for _, c := range x {
			if hasTimePlaceholder(c) {
				return true
			}
		}
	}
	return false
}

// stateIO is what one state name saw: each entry's input and each exit's
// output, in history order.
type stateIO struct {
	Entered, Exited []any
	// EnteredAt and ExitedAt are the positions of those events in the
	// history.
	EnteredAt, ExitedAt []int
}

// states returns the inputs and outputs of every state name, and the names
// in order of first entry.
func (h *history) states() (map[string]*stateIO, []string) {
	out := map[string]*stateIO{}
	var order []string
	get := func(name string) *stateIO {
		if out[name] == nil {
			out[name] = &stateIO{}
			order = append(order, name)
		}
		return out[name]
	}
	for i, ev := range h.Events {
		switch {
		case strings.HasSuffix(ev.Type, "StateEntered"):
			s := get(ev.detail("name"))
			s.Entered = append(s.Entered, payload(ev.Details["input"]))
			s.EnteredAt = append(s.EnteredAt, i)
		case strings.HasSuffix(ev.Type, "StateExited"):
			s := get(ev.detail("name"))
			s.Exited = append(s.Exited, payload(ev.Details["output"]))
			s.ExitedAt = append(s.ExitedAt, i)
		}
	}
	return out, order
}

// stateOf returns the name of the state an event belongs to, following
// previousEventId back to the *StateEntered event.
func (h *history) stateOf(ev event) string {
	for range len(h.Events) {
		if strings.HasSuffix(ev.Type, "StateEntered") {
			return ev.detail("name")
		}
		i, ok := h.byID[ev.Prev]
		if !ok || ev.Prev == ev.ID {
			return ""
		}
		ev = h.Events[i]
	}
	return ""
}

// lines renders the events one per line: id, previous id, type, state
// name and a short form of the payload.
func (h *history) lines() []string {
	out := make([]string, 0, len(h.Events))
	for _, ev := range h.Events {
		p := ev.Details["input"]
		if p == nil {
			p = ev.Details["output"]
		}
		if p == nil && ev.Details["error"] != nil {
			p = fmt.Sprintf("%v: %v", ev.Details["error"], ev.Details["cause"])
		}
		line := fmt.Sprintf("%3d %3d %-26s %s", ev.ID, ev.Prev, ev.Type, ev.detail("name"))
		if p != nil {
			line += " " + short(payload(p))
		}
		out = append(out, line)
	}
	return out
}

// lossy reports whether the snapshot lost event ids (it writes [0]).
func (h *history) lossy() bool {
	for _, ev := range h.Events {
		if ev.ID < 0 {
			return true
		}
	}
	return false
}

// has reports whether any event has type typ.
func (h *history) has(typ string) bool {
	for _, ev := range h.Events {
		if ev.Type == typ {
			return true
		}
	}
	return false
}
