package execution

import (
	"encoding/json"
	"fmt"
	"time"
)

// TriggerInstanceStatus is how far a trigger instance has been processed.
type TriggerInstanceStatus string

// StackStorm's trigger instance statuses.
const (
	TriggerPending          TriggerInstanceStatus = "pending"
	TriggerProcessing       TriggerInstanceStatus = "processing"
	TriggerProcessed        TriggerInstanceStatus = "processed"
	TriggerProcessingFailed TriggerInstanceStatus = "processing_failed"
)

// Valid reports whether s is one of the trigger instance statuses.
func (s TriggerInstanceStatus) Valid() bool {
	switch s {
	case TriggerPending, TriggerProcessing, TriggerProcessed, TriggerProcessingFailed:
		return true
	}
	return false
}

// TriggerInstance is one occurrence of a trigger: the event that rules are
// matched against. Its JSON form is the /api/v1/triggerinstances shape.
type TriggerInstance struct {
	ID string `json:"id"`
	// Trigger is the trigger's ref, such as core.st2.webhook.
	Trigger string `json:"trigger"`
	// TriggerParameters are the trigger's parameters (a webhook's url, a
	// timer's schedule), kept so that the instance can be emitted again.
	TriggerParameters map[string]any  `json:"trigger_parameters,omitempty"`
	Payload           json.RawMessage `json:"payload"`
	// OccurrenceTime orders listings (newest first); required.
	OccurrenceTime time.Time             `json:"occurrence_time"`
	Status         TriggerInstanceStatus `json:"status"`
}

// Validate returns an error wrapping ErrInvalid when t cannot be stored.
func (t *TriggerInstance) Validate() error {
	switch {
	case t.ID == "":
		return fmt.Errorf("validating trigger instance: empty id: %w", ErrInvalid)
	case t.Trigger == "":
		return fmt.Errorf("validating trigger instance %s: empty trigger: %w", t.ID, ErrInvalid)
	case t.OccurrenceTime.IsZero():
		return fmt.Errorf("validating trigger instance %s: zero occurrence_time: %w", t.ID, ErrInvalid)
	case !t.Status.Valid():
		return fmt.Errorf("validating trigger instance %s: status %q: %w", t.ID, t.Status, ErrInvalid)
	}
	return nil
}
