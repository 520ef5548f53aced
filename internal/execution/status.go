package execution

import "fmt"

// Status is the status of an action execution, with StackStorm's names.
type Status string

// The statuses of an action execution, as StackStorm names them.
const (
	StatusRequested Status = "requested"
	StatusScheduled Status = "scheduled"
	StatusDelayed   Status = "delayed"
	StatusRunning   Status = "running"
	StatusSucceeded Status = "succeeded"
	StatusFailed    Status = "failed"
	StatusTimeout   Status = "timeout"
	StatusAbandoned Status = "abandoned"
	StatusCanceling Status = "canceling"
	StatusCanceled  Status = "canceled"
	StatusPending   Status = "pending"
	StatusPausing   Status = "pausing"
	StatusPaused    Status = "paused"
	StatusResuming  Status = "resuming"
)

// Statuses lists every status in StackStorm's order.
var Statuses = []Status{
	StatusRequested, StatusScheduled, StatusDelayed, StatusRunning,
	StatusSucceeded, StatusFailed, StatusTimeout, StatusAbandoned,
	StatusCanceling, StatusCanceled, StatusPending, StatusPausing,
	StatusPaused, StatusResuming,
}

// stopped are the statuses every unfinished execution may move to: it can
// be canceled, fail, or be abandoned after a crash.
var stopped = []Status{StatusCanceled, StatusFailed, StatusAbandoned}

// transitions maps a status to the statuses that may follow it. Final
// statuses have none: a re-run is a new execution.
var transitions = map[Status][]Status{
	StatusRequested: append([]Status{StatusScheduled, StatusDelayed, StatusPending, StatusCanceling}, stopped...),
	StatusDelayed:   append([]Status{StatusRequested, StatusScheduled, StatusCanceling}, stopped...),
	StatusScheduled: append([]Status{StatusRunning, StatusDelayed, StatusCanceling}, stopped...),
	StatusRunning:   append([]Status{StatusSucceeded, StatusTimeout, StatusCanceling, StatusPausing, StatusPending}, stopped...),
	StatusPending:   append([]Status{StatusRunning, StatusResuming, StatusSucceeded, StatusTimeout, StatusCanceling}, stopped...),
	StatusPausing:   append([]Status{StatusPaused, StatusRunning, StatusSucceeded, StatusTimeout, StatusCanceling}, stopped...),
	StatusPaused:    append([]Status{StatusResuming, StatusCanceling}, stopped...),
	StatusResuming:  append([]Status{StatusRunning, StatusSucceeded, StatusTimeout, StatusCanceling}, stopped...),
	StatusCanceling: append([]Status{StatusSucceeded, StatusTimeout}, stopped...),
}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusSucceeded, StatusFailed, StatusTimeout, StatusAbandoned, StatusCanceled:
		return true
	}
	_, ok := transitions[s]
	return ok
}

// Final reports whether s ends an execution (StackStorm's completed
// states): succeeded, failed, timeout, canceled, abandoned.
func (s Status) Final() bool {
	return s.Valid() && len(transitions[s]) == 0
}

// InFlight reports whether s is a valid status that is not final: an
// execution in it must be resumed or abandoned after a crash.
func (s Status) InFlight() bool {
	return s.Valid() && !s.Final()
}

// CanTransition reports whether an execution in status from may move to
// status to.
func CanTransition(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// CheckTransition returns nil when from may move to to, and otherwise an
// error wrapping ErrInvalidTransition that names both.
func CheckTransition(from, to Status) error {
	if !CanTransition(from, to) {
		return fmt.Errorf("moving execution from %q to %q: %w", from, to, ErrInvalidTransition)
	}
	return nil
}
