package bus

import "errors"

// Sentinel errors of entries a Publisher refuses; test with errors.Is.
var (
	// ErrInvalid marks an event PutEvents would reject as malformed.
	ErrInvalid = errors.New("invalid event")
	// ErrTooLarge marks an event above MaxEntrySize.
	ErrTooLarge = errors.New("event too large")
	// ErrClosed marks an entry refused because the bus is closed.
	ErrClosed = errors.New("bus closed")
)
