package bus

import (
	"errors"
	"fmt"
	"slices"
)

// EntryError is the failure of one entry of a Publish call.
type EntryError struct {
	// Index is the entry's position in the Publish call.
	Index int
	// EventID is the failed event's id.
	EventID string
	// Err says why: ErrInvalid, ErrTooLarge, ErrClosed, a context error,
	// a commit error, or an adapter's error (with AWS's error code).
	Err error
}

// Error describes the entry's failure.
func (e EntryError) Error() string {
	return fmt.Sprintf("publishing entry %d (event %s): %v", e.Index, e.EventID, e.Err)
}

// Unwrap returns the cause.
func (e EntryError) Unwrap() error { return e.Err }

// PublishError reports the entries of one Publish call that failed, like
// PutEvents' FailedEntryCount and per-entry ErrorCode. Entries not listed
// were accepted.
type PublishError struct {
	// Entries are the failed entries in index order.
	Entries []EntryError
	// Total is the number of entries in the call.
	Total int
}

// FailedEntryCount is the number of failed entries.
func (e *PublishError) FailedEntryCount() int { return len(e.Entries) }

// Error summarises the failures with the first cause.
func (e *PublishError) Error() string {
	if len(e.Entries) == 0 {
		return "publishing events: no failed entries"
	}
	return fmt.Sprintf("publishing events: %d of %d entries failed: %v", len(e.Entries), e.Total, e.Entries[0].Err)
}

// Unwrap returns each entry's error, so errors.Is(err, ErrClosed) holds
// when any entry was refused because the bus closed.
func (e *PublishError) Unwrap() []error {
	out := make([]error, len(e.Entries))
	for i, x := range e.Entries {
		out[i] = x
	}
	return out
}

// Failed returns the events of the call (events, as passed to Publish)
// that failed, for a retry.
func (e *PublishError) Failed(events []Event) []Event {
	var out []Event
	for _, x := range e.Entries {
		if x.Index >= 0 && x.Index < len(events) {
			out = append(out, events[x.Index])
		}
	}
	return out
}

// Results tracks the failed entries of a Publish call for adapters. The
// zero value is ready for use; it is not safe for concurrent use.
type Results struct{ entries []EntryError }

// Fail records that entry index (event id) failed with err.
func (r *Results) Fail(index int, id string, err error) {
	r.entries = append(r.entries, EntryError{Index: index, EventID: id, Err: err})
}

// FailAll records err for every index in indexes of events.
func (r *Results) FailAll(events []Event, indexes []int, err error) {
	for _, i := range indexes {
		r.Fail(i, events[i].ID, err)
	}
}

// Err returns nil when nothing failed, else a *PublishError for a call of
// total entries, its entries in index order.
func (r *Results) Err(total int) error {
	if len(r.entries) == 0 {
		return nil
	}
	slices.SortFunc(r.entries, func(a, b EntryError) int { return a.Index - b.Index })
	return &PublishError{Entries: r.entries, Total: total}
}

// FailedIndexes maps a Committer's *PublishError (indexes into the
// committed sub-slice) to the caller's indexes; a plain error fails them
// all. ok is false when err is nil.
func FailedIndexes(err error, indexes []int) (failed map[int]error, ok bool) {
	if err == nil {
		return nil, false
	}
	failed = map[int]error{}
	var pe *PublishError
	if !errors.As(err, &pe) {
		for _, i := range indexes {
			failed[i] = err
		}
		return failed, true
	}
	for _, x := range pe.Entries {
		if x.Index >= 0 && x.Index < len(indexes) {
			failed[indexes[x.Index]] = x.Err
		}
	}
	return failed, true
}
