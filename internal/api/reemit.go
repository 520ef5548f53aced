package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/envelope"
	"github.com/stormless/stormless/internal/execution"
)

// reEmitted is the answer to a re-emit, StackStorm's shape plus the new
// trigger instance's id.
type reEmitted struct {
	Message           string `json:"message"`
	Payload           any    `json:"payload"`
	TriggerInstanceID string `json:"trigger_instance_id"`
}

// reEmitTriggerInstance serves POST /api/v1/triggerinstances/{id}/re_emit
// (and StackStorm's alias re_send): it publishes a new trigger instance of
// the same trigger, with the same trigger parameters and the same payload
// plus __context.original_id naming the instance it copies, as StackStorm
// does; rules then match it as they would the original. An AWS service
// event (aws.events) is published again as it was, under a new event id.
// 404 for an unknown instance.
func (h *Handler) reEmitTriggerInstance(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ti, err := h.store.GetTriggerInstance(r.Context(), id)
	if err != nil {
		writeError(w, errorf("getting trigger instance %s: %w", id, err))
		return
	}
	ev, payload, err := reEmitEvent(ti)
	if err != nil {
		writeError(w, errorf("re-emitting trigger instance %s: %w", id, err))
		return
	}
	if err := h.engine.Publish(r.Context(), ev); err != nil {
		writeError(w, errorf("re-emitting trigger instance %s: %w", id, err))
		return
	}
	newID := ev.ID
	if d, err := ev.TriggerDetail(); err == nil && d.ID != "" {
		newID = d.ID
	}
	writeJSON(w, http.StatusOK, reEmitted{Message: fmt.Sprintf("Trigger instance %s successfully re-sent.", id),
		Payload: payload, TriggerInstanceID: newID})
}

// reEmitEvent builds the event that emits ti again and returns it with the
// payload it carries.
func reEmitEvent(ti execution.TriggerInstance) (bus.Event, any, error) {
	if envelope.IsAWSEvents(ti.Trigger) {
		var ev bus.Event
		if err := json.Unmarshal(ti.Payload, &ev); err != nil {
			return bus.Event{}, nil, fmt.Errorf("decoding the recorded event: %w", err)
		}
		ev.ID, ev.Time = uuid.NewString(), time.Now().UTC().Truncate(time.Second)
		return ev, json.RawMessage(ti.Payload), nil
	}
	payload := map[string]any{}
	if len(ti.Payload) > 0 && string(ti.Payload) != "null" {
		if err := json.Unmarshal(ti.Payload, &payload); err != nil {
			return bus.Event{}, nil, badRequest("the payload of trigger instance %s is not an object: %v", ti.ID, err)
		}
	}
	payload["__context"] = map[string]any{"original_id": ti.ID}
	ev, err := bus.NewEvent(ti.Trigger, ti.TriggerParameters, payload)
	if err != nil {
		return bus.Event{}, nil, fmt.Errorf("building the event: %w", err)
	}
	return ev, payload, nil
}
