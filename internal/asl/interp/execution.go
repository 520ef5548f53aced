package interp

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Status is an execution's status as DescribeExecution reports it.
type Status string

// The execution statuses.
const (
	StatusRunning   Status = "RUNNING"
	StatusSucceeded Status = "SUCCEEDED"
	StatusFailed    Status = "FAILED"
	StatusTimedOut  Status = "TIMED_OUT"
	StatusAborted   Status = "ABORTED"
)

// Result is how an execution ended: its output, or its error and cause.
type Result struct {
	Status Status `json:"status"`
	Output any    `json:"output,omitempty"`
	Error  string `json:"error,omitempty"`
	Cause  string `json:"cause,omitempty"`
}

// Failure returns the result's error as a *Failure, or nil on success.
func (r *Result) Failure() *Failure {
	if r.Status == StatusSucceeded {
		return nil
	}
	return &Failure{Name: r.Error, Cause: r.Cause}
}

// Execution is one running or finished execution. Its methods are safe for
// concurrent use.
type Execution struct {
	in        *Interpreter
	machine   *Machine
	Name      string // the execution name (WithName, or a UUID)
	ARN       string // arn:aws:states:<region>:<account>:execution:<machine>:<Name>
	input     any
	startTime time.Time
	depth     int
	rec       *recorder
	vars      *varScope

	transitions atomic.Int64
	ctx         context.Context
	cancel      context.CancelCauseFunc
	done        chan struct{}

	mu        sync.Mutex
	result    *Result
	position  position // top-level state about to run, for checkpoints
	mockCalls mockCounter
	test      *testRun // set by TestState: run the first state only
}

// position is where the top-level thread is: the state it is about to run
// and that state's input.
type position struct {
	state string
	input any
}

// StartOption configures one execution.
type StartOption func(*Execution)

// WithName names the execution (default: a UUID).
func WithName(name string) StartOption { return func(e *Execution) { e.Name = name } }

func withDepth(d int) StartOption { return func(e *Execution) { e.depth = d } }

// errStopped is the cancellation cause of a stopped execution.
type stopCause struct{ err, cause string }

func (s *stopCause) Error() string { return "execution stopped: " + s.err }

// Start begins an execution of m on its own goroutine and returns at once.
// input must be the generic JSON form; over 256 KiB it fails with
// States.DataLimitExceeded. ctx bounds the execution's lifetime.
func (in *Interpreter) Start(ctx context.Context, m *Machine, input any, opts ...StartOption) (*Execution, error) {
	e, err := in.newExecution(ctx, m, input, opts)
	if err != nil {
		return nil, err
	}
	go e.run(e.ctx, position{state: m.Def.StartAt, input: input})
	return e, nil
}

// Run executes m to completion and returns its result. The returned error
// is for failures to start or ctx ending; a failed execution is a Result
// with Status FAILED.
func (in *Interpreter) Run(ctx context.Context, m *Machine, input any, opts ...StartOption) (*Result, *Execution, error) {
	e, err := in.newExecution(ctx, m, input, opts)
	if err != nil {
		return nil, nil, err
	}
	e.run(e.ctx, position{state: m.Def.StartAt, input: input})
	return e.Result(), e, nil
}

func (in *Interpreter) newExecution(ctx context.Context, m *Machine, input any, opts []StartOption) (*Execution, error) {
	if exceedsLimit(input) {
		return nil, fail(ErrDataLimitExceeded, "The state/task input exceeds the maximum number of bytes service limit.")
	}
	e := &Execution{in: in, machine: m, input: input, startTime: in.clock.Now(), done: make(chan struct{}),
		vars: newVarScope(nil), rec: newRecorder(in.clock, !in.history)}
	for _, o := range opts {
		o(e)
	}
	if e.Name == "" {
		e.Name = in.newUUID()
	}
	e.ARN = fmt.Sprintf("arn:aws:states:%s:%s:execution:%s:%s", in.region, in.account, m.Name, e.Name)
	if e.test != nil {
		e.ARN = testExecutionARN(in, m.Name, e.Name)
	}
	e.ctx, e.cancel = context.WithCancelCause(ctx)
	return e, nil
}

// Wait blocks until the execution ends or ctx is done.
func (e *Execution) Wait(ctx context.Context) (*Result, error) {
	select {
	case <-e.done:
		return e.Result(), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for execution %s: %w", e.Name, ctx.Err())
	}
}

// Done is closed when the execution ends.
func (e *Execution) Done() <-chan struct{} { return e.done }

// Result returns the result, or nil while the execution runs.
func (e *Execution) Result() *Result {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.result
}

// Stop aborts a running execution, as StopExecution does: it ends ABORTED
// with the given error and cause. Stopping a finished execution does nothing.
func (e *Execution) Stop(errName, cause string) {
	e.cancel(&stopCause{err: errName, cause: cause})
}

// History returns the events recorded so far.
func (e *Execution) History() []Event { return e.rec.snapshot() }

// Transitions returns the number of states entered so far.
func (e *Execution) Transitions() int64 { return e.transitions.Load() }

// run drives the top-level thread from pos and records the outcome.
func (e *Execution) run(ctx context.Context, pos position) {
	defer close(e.done)
	if e.rec.lastID() == 0 {
		e.rec.addDetached("ExecutionStarted", &ExecutionStartedDetails{Input: Payload{e.input}, RoleARN: e.in.roleARN})
	}
	if e.machine.Def.TimeoutSeconds > 0 {
		var cancel context.CancelFunc
		ctx, cancel = e.in.clock.WithTimeout(ctx, time.Duration(e.machine.Def.TimeoutSeconds)*time.Second)
		defer cancel()
	}
	th := &thread{exec: e, rec: e.rec, vars: e.vars, top: true, depth: e.depth}
	out, f := th.run(ctx, e.machine.prog, e.machine.prog.nodes[pos.state], pos.input)
	e.finish(ctx, out, f)
}

func (e *Execution) finish(ctx context.Context, out any, f *Failure) {
	res := &Result{Status: StatusSucceeded, Output: out}
	var stop *stopCause
	switch {
	case errors.As(context.Cause(ctx), &stop):
		res = &Result{Status: StatusAborted, Error: stop.err, Cause: stop.cause}
		e.rec.add("ExecutionAborted", &ErrorDetails{Error: stop.err, Cause: stop.cause})
	case f != nil && ctx.Err() != nil && e.ctx.Err() == nil:
		res = &Result{Status: StatusTimedOut, Error: ErrTimeout, Cause: "The execution timed out."}
		e.rec.add("ExecutionTimedOut", &ErrorDetails{Error: res.Error, Cause: res.Cause})
	case f != nil:
		res = &Result{Status: StatusFailed, Error: f.Name, Cause: f.Cause}
		e.rec.add("ExecutionFailed", &ErrorDetails{Error: f.Name, Cause: f.Cause})
	default:
		e.rec.add("ExecutionSucceeded", &OutputDetails{Output: Payload{out}})
	}
	e.mu.Lock()
	e.result = res
	e.mu.Unlock()
}

// tick counts a transition and enforces the budget and cancellation.
func (e *Execution) tick(ctx context.Context) *Failure {
	if n := e.transitions.Add(1); n > e.in.maxTransitions {
		return fail(errTransitionBudget, causeTransitionBudget, e.in.maxTransitions)
	}
	select {
	case <-ctx.Done():
		return ctxFailure(ctx)
	default:
		return nil
	}
}

// ctxFailure describes why ctx ended.
func ctxFailure(ctx context.Context) *Failure {
	var stop *stopCause
	if errors.As(context.Cause(ctx), &stop) {
		return &Failure{Name: stop.err, Cause: stop.cause}
	}
	if errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
		return fail(ErrTimeout, "The execution timed out.")
	}
	f := fail(ErrRuntime, "execution cancelled: %v", context.Cause(ctx))
	f.cancelled = true
	return f
}

func (e *Execution) setPosition(state string, input any) {
	e.mu.Lock()
	e.position = position{state: state, input: input}
	e.mu.Unlock()
}
