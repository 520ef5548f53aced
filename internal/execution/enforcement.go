package execution

import (
	"fmt"
	"time"
)

// EnforcementStatus is the outcome of a rule enforcement.
type EnforcementStatus string

// StackStorm's rule enforcement statuses.
const (
	EnforcementSucceeded EnforcementStatus = "succeeded"
	EnforcementFailed    EnforcementStatus = "failed"
)

// Enforcement is one rule matching one trigger instance, StackStorm's
// RuleEnforcement: it links the trigger instance to the execution the rule
// started, or says why none was. Its JSON form is the
// /api/v1/ruleenforcements shape. Enforcements are immutable.
type Enforcement struct {
	ID                string  `json:"id"`
	Rule              RuleRef `json:"rule"`
	TriggerInstanceID string  `json:"trigger_instance_id"`
	// ExecutionID is empty when no execution was started.
	ExecutionID   string            `json:"execution_id,omitempty"`
	FailureReason string            `json:"failure_reason,omitempty"`
	Status        EnforcementStatus `json:"status"`
	// EnforcedAt orders listings (newest first); required.
	EnforcedAt time.Time `json:"enforced_at"`
}

// Validate returns an error wrapping ErrInvalid when e cannot be stored.
func (e *Enforcement) Validate() error {
	switch {
	case e.ID == "":
		return fmt.Errorf("validating enforcement: empty id: %w", ErrInvalid)
	case e.Rule.Ref == "":
		return fmt.Errorf("validating enforcement %s: empty rule ref: %w", e.ID, ErrInvalid)
	case e.EnforcedAt.IsZero():
		return fmt.Errorf("validating enforcement %s: zero enforced_at: %w", e.ID, ErrInvalid)
	case e.Status != EnforcementSucceeded && e.Status != EnforcementFailed:
		return fmt.Errorf("validating enforcement %s: status %q: %w", e.ID, e.Status, ErrInvalid)
	}
	return nil
}
