package execution

import (
	"context"
	"time"
)

// Store is the whole audit trail: what one adapter (SQLite, DynamoDB)
// implements. Callers should depend on the smallest interface they need.
// Every method is safe for concurrent use, takes ctx first, and returns only
// once its writes are durable (the acknowledgement). Errors wrap
// ErrNotFound, ErrConflict, ErrInvalidTransition or ErrInvalid where those
// apply; anything else is a storage failure.
type Store interface {
	Executions
	Outputs
	TriggerInstances
	Enforcements
	Traces
	Inquiries
	Batches
	Purger
}

// Executions records action executions.
type Executions interface {
	// CreateExecution stores a new execution. An empty Log becomes one
	// entry for its status at StartTimestamp; a non-empty Log is the
	// history so far and is kept when it is a valid one (ErrInvalid
	// otherwise, see CheckLog), so an execution can be recorded already
	// scheduled with its requested and scheduled entries in one write. Its
	// Children are cleared. It may be created in a final status (an action
	// that failed before it ran, or one that finished before it was
	// recorded); its EndTimestamp then defaults to its last log entry's.
	// When it has a Parent, the parent must exist (ErrNotFound otherwise)
	// and the new id is appended to the parent's Children in the same
	// write. Creating an id that exists fails with ErrConflict and changes
	// nothing, so a retried create is detected, never doubled.
	CreateExecution(ctx context.Context, e Execution) error
	// GetExecution returns the execution with id, or ErrNotFound.
	GetExecution(ctx context.Context, id string) (Execution, error)
	// ListExecutions returns one page of the executions q selects, newest
	// start timestamp first (ties broken by id, descending).
	ListExecutions(ctx context.Context, q ExecutionQuery) (Page[Execution], error)
	// TransitionExecution moves execution id from c.From to c.To if and
	// only if its current status is c.From (compare-and-set), applying c
	// as Execution.Apply does, and returns the updated execution. It fails
	// with ErrInvalidTransition when CanTransition(c.From, c.To) is false,
	// ErrNotFound when there is no such execution, and ErrConflict when
	// its status is not c.From: of two workers racing to move one
	// execution, exactly one wins.
	TransitionExecution(ctx context.Context, id string, c Change) (Execution, error)
	// InFlightExecutions returns every execution whose status is not final
	// (Status.InFlight), oldest first: the work to resume or abandon after
	// a crash.
	InFlightExecutions(ctx context.Context) ([]Execution, error)
}

// Outputs records the lines actions print while they run.
type Outputs interface {
	// AppendOutput appends lines to execution id's output, assigning each
	// its Seq (continuing the execution's sequence) and ExecutionID. It
	// fails with ErrNotFound when the execution does not exist.
	AppendOutput(ctx context.Context, id string, lines []OutputLine) error
	// ListOutput returns up to limit lines of execution id's output whose
	// Seq is greater than after, in order; limit 0 means all. It fails with
	// ErrNotFound when the execution does not exist.
	ListOutput(ctx context.Context, id string, after int64, limit int) ([]OutputLine, error)
}

// TriggerInstances records trigger instances.
type TriggerInstances interface {
	// CreateTriggerInstance stores a new trigger instance; an existing id
	// fails with ErrConflict and changes nothing.
	CreateTriggerInstance(ctx context.Context, t TriggerInstance) error
	// GetTriggerInstance returns the trigger instance with id, or
	// ErrNotFound.
	GetTriggerInstance(ctx context.Context, id string) (TriggerInstance, error)
	// ListTriggerInstances returns one page of the trigger instances q
	// selects, newest occurrence first.
	ListTriggerInstances(ctx context.Context, q TriggerInstanceQuery) (Page[TriggerInstance], error)
	// SetTriggerInstanceStatus moves trigger instance id from status from
	// to status to if and only if it is in from (compare-and-set); it fails
	// with ErrNotFound or ErrConflict, or ErrInvalid for an unknown status.
	SetTriggerInstanceStatus(ctx context.Context, id string, from, to TriggerInstanceStatus) (TriggerInstance, error)
}

// Enforcements records rule enforcements.
type Enforcements interface {
	// CreateEnforcement stores a new enforcement; an existing id fails with
	// ErrConflict and changes nothing.
	CreateEnforcement(ctx context.Context, e Enforcement) error
	// GetEnforcement returns the enforcement with id, or ErrNotFound.
	GetEnforcement(ctx context.Context, id string) (Enforcement, error)
	// ListEnforcements returns one page of the enforcements q selects,
	// newest first.
	ListEnforcements(ctx context.Context, q EnforcementQuery) (Page[Enforcement], error)
}

// Traces records traces.
type Traces interface {
	// CreateTrace stores a new trace; an existing id fails with ErrConflict
	// and changes nothing.
	CreateTrace(ctx context.Context, t Trace) error
	// GetTrace returns the trace with id, or ErrNotFound.
	GetTrace(ctx context.Context, id string) (Trace, error)
	// ListTraces returns one page of the traces q selects, newest first.
	ListTraces(ctx context.Context, q TraceQuery) (Page[Trace], error)
	// AddTraceComponents appends c to trace id's components atomically
	// (concurrent additions are all kept) and returns the updated trace;
	// ErrNotFound when there is no such trace.
	AddTraceComponents(ctx context.Context, id string, c TraceComponents) (Trace, error)
}

// Inquiries records inquiries.
type Inquiries interface {
	// CreateInquiry stores a new, pending inquiry; an existing id fails
	// with ErrConflict and changes nothing.
	CreateInquiry(ctx context.Context, q Inquiry) error
	// GetInquiry returns the inquiry with id, or ErrNotFound.
	GetInquiry(ctx context.Context, id string) (Inquiry, error)
	// ListInquiries returns one page of the inquiries q selects, newest
	// first.
	ListInquiries(ctx context.Context, q InquiryQuery) (Page[Inquiry], error)
	// ResolveInquiry ends pending inquiry id with r and returns it. It fails
	// with ErrNotFound, with ErrConflict when the inquiry is no longer
	// pending (of two responses, exactly one wins), or ErrInvalid.
	ResolveInquiry(ctx context.Context, id string, r Resolution) (Inquiry, error)
}

// Batches records several new records in one atomic write: what an
// enforcement produces (trigger instance, trace, enforcement, execution).
type Batches interface {
	// CreateBatch applies every part of b, all or nothing: when any new
	// id exists (in the store or twice in b) or a status change finds
	// another status than its From, it fails with ErrConflict and writes
	// nothing; when an execution's parent or a changed record is missing,
	// ErrNotFound; when a change is not allowed, ErrInvalidTransition; when
	// b holds more than MaxBatchRecords parts, an invalid one, or two
	// changes of one record, ErrInvalid. Executions are created as
	// CreateExecution does; an execution's parent may be in the same
	// batch, before it. Status changes apply to records that existed
	// before the batch, as TransitionExecution and
	// SetTriggerInstanceStatus do.
	//
	// A caller that retries after an ambiguous failure (its context ended
	// while waiting) and gets ErrConflict knows the first attempt was
	// stored: ids make every create idempotent.
	CreateBatch(ctx context.Context, b Batch) error
}

// MaxBatchRecords bounds the records of one Batch, so that every adapter
// can write it in one transaction (DynamoDB allows 100 actions, and an
// execution with a parent takes two).
const MaxBatchRecords = 40

// Len returns the number of parts (records and changes) in b.
func (b Batch) Len() int {
	return len(b.TriggerInstances) + len(b.Traces) + len(b.Enforcements) + len(b.Executions) +
		len(b.Transitions) + len(b.TriggerInstanceChanges)
}

// Batch is a set of new records and status changes written together.
type Batch struct {
	TriggerInstances []TriggerInstance
	Traces           []Trace
	Enforcements     []Enforcement
	Executions       []Execution
	// Transitions are compare-and-set status changes of executions.
	Transitions []Transition
	// TriggerInstanceChanges are compare-and-set status changes of
	// trigger instances.
	TriggerInstanceChanges []TriggerInstanceChange
}

// Transition is one execution's status change in a Batch.
type Transition struct {
	ID string
	Change
}

// TriggerInstanceChange is one trigger instance's status change in a
// Batch.
type TriggerInstanceChange struct {
	ID       string
	From, To TriggerInstanceStatus
}

// Purger deletes old records (retention).
type Purger interface {
	// Purge deletes what ended before before: executions in a final status
	// whose end timestamp is earlier (with their output), trigger instances
	// that occurred earlier, enforcements enforced earlier, traces started
	// earlier, and inquiries created earlier that are no longer pending.
	// In-flight executions and pending inquiries are never purged. It
	// returns how many records of each kind it deleted.
	Purge(ctx context.Context, before time.Time) (Purged, error)
}

// Purged counts the records a Purge deleted.
type Purged struct {
	Executions       int
	OutputLines      int
	TriggerInstances int
	Enforcements     int
	Traces           int
	Inquiries        int
}
