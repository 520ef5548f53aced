package execution

import (
	"encoding/json"
	"fmt"
	"time"
)

// Change is a compare-and-set status change of one execution: it applies
// only while the execution's current status is From.
type Change struct {
	// From is the status the caller believes the execution is in.
	From Status
	// To is the new status; CanTransition(From, To) must hold.
	To Status
	// At is when the change happened; it becomes the log entry's
	// timestamp, and the end timestamp when To is final. Required.
	At time.Time
	// Result replaces the execution's result when not nil.
	Result json.RawMessage
}

// Check returns an error wrapping ErrInvalidTransition when the change is
// not allowed, or ErrInvalid when it has no time.
func (c Change) Check() error {
	if c.At.IsZero() {
		return fmt.Errorf("checking change to %q: zero time: %w", c.To, ErrInvalid)
	}
	return CheckTransition(c.From, c.To)
}
