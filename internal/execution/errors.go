package execution

import "errors"

// ErrNotFound is returned (wrapped) when a record does not exist. Callers
// test it with errors.Is.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned (wrapped) when a write's precondition fails: a
// record with the same id already exists, or the record is no longer in the
// state the caller expected (another writer moved it first).
var ErrConflict = errors.New("conflict")

// ErrInvalidTransition is returned (wrapped) when a status change is not
// one StackStorm allows, such as succeeded -> running. It is detected before
// the store is touched.
var ErrInvalidTransition = errors.New("invalid status transition")

// ErrInvalid is returned (wrapped) when a record or query is malformed: an
// empty id, a zero timestamp where one is required, an unknown status, an
// undecodable page token.
var ErrInvalid = errors.New("invalid record")
