package execution

import (
	"encoding/json"
	"fmt"
	"time"
)

// InquiryStatus is the state of an inquiry.
type InquiryStatus string

// The inquiry statuses: pending until answered, then succeeded, or
// timeout or canceled without an answer.
const (
	InquiryPending   InquiryStatus = "pending"
	InquirySucceeded InquiryStatus = "succeeded"
	InquiryTimeout   InquiryStatus = "timeout"
	InquiryCanceled  InquiryStatus = "canceled"
)

// Inquiry is a question a paused workflow asks a person, StackStorm's
// Inquiry. Its ID is the id of the inquirer execution. Its JSON form is the
// /api/v1/inquiries shape.
type Inquiry struct {
	ID string `json:"id"`
	// Schema is the JSON schema a response must satisfy.
	Schema json.RawMessage `json:"schema"`
	Roles  []string        `json:"roles"`
	Users  []string        `json:"users"`
	Route  string          `json:"route"`
	// TTL is how long the inquiry waits, in minutes; 0 waits forever.
	TTL    int           `json:"ttl"`
	Status InquiryStatus `json:"status"`
	// Response is the answer, set when Status is succeeded.
	Response    json.RawMessage `json:"response,omitempty"`
	RespondedBy string          `json:"responded_by,omitempty"`
	// CreatedAt orders listings (newest first); required.
	CreatedAt   time.Time `json:"created_at"`
	RespondedAt time.Time `json:"responded_at,omitzero"`
}

// Resolution ends a pending inquiry.
type Resolution struct {
	// Status is succeeded, timeout or canceled.
	Status InquiryStatus
	// Response is the answer, for succeeded; already validated against the
	// inquiry's schema by the caller.
	Response json.RawMessage
	By       string
	At       time.Time
}

// Validate returns an error wrapping ErrInvalid when q cannot be stored.
func (q *Inquiry) Validate() error {
	switch {
	case q.ID == "":
		return fmt.Errorf("validating inquiry: empty id: %w", ErrInvalid)
	case q.CreatedAt.IsZero():
		return fmt.Errorf("validating inquiry %s: zero created_at: %w", q.ID, ErrInvalid)
	case q.Status != InquiryPending:
		return fmt.Errorf("validating inquiry %s: new inquiries are pending, got %q: %w", q.ID, q.Status, ErrInvalid)
	}
	return nil
}

// Check returns an error wrapping ErrInvalid when r cannot end an inquiry.
func (r Resolution) Check() error {
	switch {
	case r.At.IsZero():
		return fmt.Errorf("checking resolution: zero time: %w", ErrInvalid)
	case r.Status != InquirySucceeded && r.Status != InquiryTimeout && r.Status != InquiryCanceled:
		return fmt.Errorf("checking resolution: status %q: %w", r.Status, ErrInvalid)
	}
	return nil
}

// Resolve applies r to q in memory; stores call it after checking that q
// is pending.
func (q *Inquiry) Resolve(r Resolution) {
	q.Status = r.Status
	q.Response = r.Response
	q.RespondedBy = r.By
	q.RespondedAt = r.At
}
