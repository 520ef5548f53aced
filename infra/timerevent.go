package main

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

// TimerEvent is what a timer's schedule puts on the Stormless bus: the
// envelope's source and detail-type, and the detail of a trigger
// instance (the envelope bus.NewEvent builds), so the rules' patterns over
// detail.trigger.parameters match as they do locally. The payload is
// StackStorm's {executed_at, schedule: null}; executed_at is the
// scheduled time as EventBridge Scheduler writes it (ISO 8601, UTC), and
// the trigger instance id is the schedule's execution id.
type TimerEvent struct {
	Source, DetailType string
	// Detail is the JSON detail, Scheduler's placeholders inside.
	Detail string
}

// TimerEventOf builds the event of timer t.
func TimerEventOf(t Timer) (TimerEvent, error) {
	params := t.Parameters
	if params == nil {
		params = map[string]any{}
	}
	detail := map[string]any{
		"trigger": map[string]any{"type": t.TriggerType, "parameters": params},
		"payload": map[string]any{"executed_at": schedulerTime, "schedule": nil},
		"id":      schedulerExecutionID,
	}
	pack, _, _ := strings.Cut(t.TriggerType, ".")
	source := rule.SourcePrefix + pack
	// Scheduler's placeholders must stay literal: no HTML escaping of < >.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(detail); err != nil {
		return TimerEvent{}, fmt.Errorf("encoding event of timer %s: %w", t.ID, err)
	}
	return TimerEvent{Source: source, DetailType: t.TriggerType, Detail: strings.TrimSuffix(buf.String(), "\n")}, nil
}
