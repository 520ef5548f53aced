package bus

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/envelope"
	"github.com/stormless/stormless/internal/execution"
)

// Defaults of the envelope fields EventBridge fills in on AWS.
const (
	LocalRegion  = "local"
	LocalAccount = "000000000000"
)

// Detail is the detail of a Stormless trigger event.
type Detail struct {
	Trigger  Trigger         `json:"trigger"`
	Payload  json.RawMessage `json:"payload"`
	TraceTag string          `json:"trace_tag,omitempty"`
	// ID is the trigger instance id (execution.NewID's shape).
	ID string `json:"id"`
}

// Trigger is a trigger type ref and the parameters a rule declares for it
// (a webhook's url, a timer's schedule). Rules match them exactly.
type Trigger struct {
	Type       string         `json:"type"`
	Parameters map[string]any `json:"parameters"`
}

// NewEvent returns the event carrying one trigger instance of triggerType
// with the given parameters and payload: the envelope of envelope.New
// with a fresh event id (a UUID), a new trigger instance id, the current
// time, region LocalRegion and account LocalAccount, each overridable by
// options. For aws.events the payload is the event itself. It fails when
// the payload cannot be encoded as JSON or the result is not a valid event
// (see Event.Validate).
func NewEvent(triggerType string, params map[string]any, payload any, opts ...EventOption) (Event, error) {
	o := eventOptions{time: time.Now(), region: LocalRegion, account: LocalAccount}
	for _, opt := range opts {
		opt(&o)
	}
	if !envelope.IsAWSEvents(triggerType) {
		return newTriggerEvent(triggerType, params, payload, o)
	}
	e, err := decodeEnvelope(envelope.New(triggerType, params, payload))
	if err != nil {
		return Event{}, fmt.Errorf("building event of trigger %s: %w", triggerType, err)
	}
	return e, e.Validate()
}

func decodeEnvelope(env map[string]any) (Event, error) {
	raw, err := json.Marshal(env)
	if err != nil {
		return Event{}, fmt.Errorf("encoding envelope: %w", err)
	}
	var e Event
	if err := json.Unmarshal(raw, &e); err != nil {
		return Event{}, fmt.Errorf("decoding envelope: %w", err)
	}
	return e, nil
}

// TriggerDetail decodes e's detail as a Stormless trigger event. It fails
// for events that carry no trigger (AWS service events, malformed detail).
// A Stormless event published without a trigger instance id (detail.id),
// as a sensor calling PutEvents directly does, has the event id as its
// trigger instance id: its source is "stormless.<pack>" and its
// detail-type its detail.trigger.type.
func (e Event) TriggerDetail() (Detail, error) {
	var d Detail
	if err := json.Unmarshal(e.Detail, &d); err != nil {
		return Detail{}, fmt.Errorf("decoding detail of event %s: %w", e.ID, err)
	}
	if d.Trigger.Type == "" {
		return Detail{}, fmt.Errorf("decoding detail of event %s: no trigger type: %w", e.ID, ErrInvalid)
	}
	if d.ID == "" && e.DetailType == d.Trigger.Type && strings.HasPrefix(e.Source, envelope.SourcePrefix) {
		d.ID = e.ID
	}
	return d, nil
}

// EventOption sets a field of the event NewEvent builds.
type EventOption func(*eventOptions)

type eventOptions struct {
	time            time.Time
	region, account string
	traceTag, id    string
}

func (o *eventOptions) instanceID() string {
	if o.id != "" {
		return o.id
	}
	return execution.NewID()
}

// WithTime sets the event time (kept at second precision, in UTC).
func WithTime(t time.Time) EventOption { return func(o *eventOptions) { o.time = t } }

// WithTraceTag sets detail.trace_tag.
func WithTraceTag(tag string) EventOption { return func(o *eventOptions) { o.traceTag = tag } }

// WithInstanceID sets the trigger instance id (detail.id) instead of a new
// one.
func WithInstanceID(id string) EventOption { return func(o *eventOptions) { o.id = id } }

// WithAccount sets the region and account of the envelope.
func WithAccount(region, account string) EventOption {
	return func(o *eventOptions) { o.region, o.account = region, account }
}
