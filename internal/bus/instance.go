package bus

import (
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/envelope"
	"github.com/stormless/stormless/internal/execution"
)

// TriggerInstance returns the audit record of the trigger instance e
// carries, status pending: for a Stormless trigger event its detail's id,
// trigger type and payload; for any other event (AWS service events) the
// trigger aws.events, the event id, and the whole event as payload. The
// occurrence time is the event time.
func (e Event) TriggerInstance() (execution.TriggerInstance, error) {
	ti := execution.TriggerInstance{OccurrenceTime: e.Time, Status: execution.TriggerPending}
	if d, err := e.TriggerDetail(); err == nil && d.ID != "" {
		ti.ID, ti.Trigger, ti.Payload = d.ID, d.Trigger.Type, d.Payload
		ti.TriggerParameters = d.Trigger.Parameters
		if len(ti.Payload) == 0 {
			ti.Payload = json.RawMessage("null")
		}
		return ti, nil
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return execution.TriggerInstance{}, fmt.Errorf("encoding event %s: %w", e.ID, err)
	}
	ti.ID, ti.Trigger, ti.Payload = e.ID, envelope.AWSEventsTrigger, raw
	return ti, nil
}
