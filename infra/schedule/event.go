package schedule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/rule"
)

// EventBridge Scheduler context attributes, filled in when a schedule
// fires.
const (
	schedulerTime        = "<aws.scheduler.scheduled-time>"
	schedulerExecutionID = "<aws.scheduler.execution-id>"
)

// Event is what a timer's schedule puts on the Stormless bus: the
// envelope's source and detail-type, and the detail of a trigger
// instance (the envelope bus.NewEvent builds), so the rules' patterns over
// detail.trigger.parameters match as they do locally. The payload is
// StackStorm's {executed_at, schedule: null}; executed_at is the
// scheduled time as EventBridge Scheduler writes it (ISO 8601, UTC), and
// the trigger instance id is the schedule's execution id.
type Event struct {
	Source, DetailType string
	// Detail is the JSON detail, Scheduler's placeholders inside.
	Detail string
}

// EventOf builds the event of the timer of triggerType with params.
func EventOf(triggerType string, params map[string]any) (Event, error) {
	if params == nil {
		params = map[string]any{}
	}
	detail := map[string]any{
		"trigger": map[string]any{"type": triggerType, "parameters": params},
		"payload": map[string]any{"executed_at": schedulerTime, "schedule": nil},
		"id":      schedulerExecutionID,
	}
	pack, _, _ := strings.Cut(triggerType, ".")
	source := rule.SourcePrefix + pack
	// Scheduler's placeholders must stay literal: no HTML escaping of < >.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(detail); err != nil {
		return Event{}, fmt.Errorf("encoding event of timer %s: %w", triggerType, err)
	}
	return Event{Source: source, DetailType: triggerType, Detail: strings.TrimSuffix(buf.String(), "\n")}, nil
}
