package execution

import "time"

// DefaultLimit is the page size of a query whose Limit is 0; MaxLimit is
// the largest page a store returns.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Page is one page of a listing, newest first. Next is an opaque token
// for the following page, empty on the last page. Paging is stable: records
// created while a client pages never make it see a record twice or miss
// one that existed when it started.
type Page[T any] struct {
	Items []T
	Next  string
}

// PageQuery is the paging part of every listing.
type PageQuery struct {
	// Limit is the page size: 0 means DefaultLimit, more than MaxLimit
	// means MaxLimit.
	Limit int
	// Token is a previous page's Next; empty for the first page. A token
	// is only valid with the same filters it was returned for.
	Token string
}

// PageSize returns the effective page size of q.
func (q PageQuery) PageSize() int {
	switch {
	case q.Limit <= 0:
		return DefaultLimit
	case q.Limit > MaxLimit:
		return MaxLimit
	}
	return q.Limit
}

// TimeRange selects records by their ordering time: Since inclusive, Until
// exclusive; a zero bound is open.
type TimeRange struct {
	Since time.Time
	Until time.Time
}

// Contains reports whether t falls in r.
func (r TimeRange) Contains(t time.Time) bool {
	return (r.Since.IsZero() || !t.Before(r.Since)) && (r.Until.IsZero() || t.Before(r.Until))
}

// ExecutionQuery selects executions by start timestamp, newest first.
// Empty fields do not filter; set fields all apply.
type ExecutionQuery struct {
	Action string
	Status Status
	// Rule is a rule ref.
	Rule string
	// TriggerType is a trigger type ref.
	TriggerType string
	// Parent selects the task executions of one workflow execution.
	Parent string
	// TopLevel selects executions without a parent.
	TopLevel bool
	TimeRange
	PageQuery
}

// TriggerInstanceQuery selects trigger instances by occurrence time,
// newest first.
type TriggerInstanceQuery struct {
	// Trigger is a trigger ref.
	Trigger string
	Status  TriggerInstanceStatus
	TimeRange
	PageQuery
}

// EnforcementQuery selects rule enforcements by enforced_at, newest first.
type EnforcementQuery struct {
	// Rule is a rule ref.
	Rule              string
	TriggerInstanceID string
	ExecutionID       string
	TimeRange
	PageQuery
}

// TraceQuery selects traces by start timestamp, newest first.
type TraceQuery struct {
	TraceTag string
	TimeRange
	PageQuery
}

// InquiryQuery selects inquiries by creation time, newest first.
type InquiryQuery struct {
	Status InquiryStatus
	TimeRange
	PageQuery
}
