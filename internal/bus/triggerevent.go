package bus

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/stormless/stormless/internal/envelope"
)

// triggerDetail is the detail envelope.New builds, as a struct: its fields
// and those of detailTrigger are in the order encoding/json writes a map's
// keys (sorted), so that the encoding is byte for byte the same.
type triggerDetail struct {
	ID       string        `json:"id"`
	Payload  any           `json:"payload"`
	TraceTag string        `json:"trace_tag,omitempty"`
	Trigger  detailTrigger `json:"trigger"`
}

// detailTrigger is detail.trigger in envelope.New's key order.
type detailTrigger struct {
	Parameters map[string]any `json:"parameters"`
	Type       string         `json:"type"`
}

// newTriggerEvent is NewEvent for a Stormless trigger (not aws.events): the
// envelope of envelope.New built directly, encoding the payload once
// instead of building the envelope as a map and encoding and decoding it.
// TestNewTriggerEventMatchesEnvelope keeps the two the same.
func newTriggerEvent(triggerType string, params map[string]any, payload any, o eventOptions) (Event, error) {
	if params == nil {
		params = map[string]any{}
	}
	detail, err := json.Marshal(triggerDetail{ID: o.instanceID(), Payload: payload, TraceTag: o.traceTag,
		Trigger: detailTrigger{Parameters: params, Type: triggerType}})
	if err != nil {
		return Event{}, fmt.Errorf("building event of trigger %s: encoding envelope: %w", triggerType, err)
	}
	e := Event{Version: "0", ID: uuid.NewString(), Source: envelope.Source(triggerType), DetailType: triggerType,
		Time: o.time.UTC().Truncate(time.Second), Region: o.region, Account: o.account, Resources: []string{}, Detail: detail}
	return e, e.Validate()
}
