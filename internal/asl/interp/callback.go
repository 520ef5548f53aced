package interp

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrTaskDoesNotExist is returned by SendTask* for a token no running task
// is waiting on (AWS's TaskDoesNotExist).
var ErrTaskDoesNotExist = errors.New("task does not exist")

// tokenTable holds the tasks waiting for SendTaskSuccess/Failure.
type tokenTable struct {
	mu      sync.Mutex
	waiting map[string]*callbackWait
}

type callbackWait struct {
	done      chan *callbackOutcome
	heartbeat chan struct{}
}

type callbackOutcome struct {
	output any
	fail   *Failure
}

func newTokenTable() *tokenTable { return &tokenTable{waiting: map[string]*callbackWait{}} }

func (t *tokenTable) register(token string) *callbackWait {
	w := &callbackWait{done: make(chan *callbackOutcome, 1), heartbeat: make(chan struct{}, 1)}
	t.mu.Lock()
	t.waiting[token] = w
	t.mu.Unlock()
	return w
}

func (t *tokenTable) remove(token string) {
	t.mu.Lock()
	delete(t.waiting, token)
	t.mu.Unlock()
}

func (t *tokenTable) get(token string) (*callbackWait, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	w, ok := t.waiting[token]
	return w, ok
}

// SendTaskSuccess completes the .waitForTaskToken task holding token with
// output as its result. It returns ErrTaskDoesNotExist for an unknown or
// already completed token. Safe for concurrent use.
func (in *Interpreter) SendTaskSuccess(token string, output any) error {
	return in.complete(token, &callbackOutcome{output: output})
}

// SendTaskFailure fails the task holding token with errName and cause.
func (in *Interpreter) SendTaskFailure(token, errName, cause string) error {
	return in.complete(token, &callbackOutcome{fail: &Failure{Name: errName, Cause: cause}})
}

// SendTaskHeartbeat resets the HeartbeatSeconds timer of the task holding
// token.
func (in *Interpreter) SendTaskHeartbeat(token string) error {
	w, ok := in.tokens.get(token)
	if !ok {
		return ErrTaskDoesNotExist
	}
	select {
	case w.heartbeat <- struct{}{}:
	default:
	}
	return nil
}

func (in *Interpreter) complete(token string, o *callbackOutcome) error {
	in.tokens.mu.Lock()
	w, ok := in.tokens.waiting[token]
	delete(in.tokens.waiting, token)
	in.tokens.mu.Unlock()
	if !ok {
		return ErrTaskDoesNotExist
	}
	w.done <- o
	return nil
}

// callback runs a .waitForTaskToken task: it invokes the integration (which
// receives the token), records TaskSubmitted, then waits for the token.
func (sr *stateRun) callback(ctx context.Context, req *TaskRequest, heartbeat time.Duration, ev *taskEvents) (any, error) {
	in := sr.th.exec.in
	w := in.tokens.register(req.TaskToken)
	defer in.tokens.remove(req.TaskToken)
	base := *req
	base.Pattern = ""
	base.Resource = sr.n.task.base
	if h, ok := in.registry.handler(sr.n.task); ok || sr.n.task.service != "" {
		var resp any
		var err error
		if ok {
			resp, err = invokeGuarded(ctx, h, req)
		} else {
			resp, err = in.dispatch(ctx, &base)
		}
		if err != nil {
			return nil, err
		}
		ev.submitted(resp)
	}
	return sr.awaitToken(ctx, w, heartbeat)
}

func (sr *stateRun) awaitToken(ctx context.Context, w *callbackWait, heartbeat time.Duration) (any, error) {
	clock := sr.th.exec.in.clock
	for {
		hctx, cancel := ctx, context.CancelFunc(func() {})
		if heartbeat > 0 {
			hctx, cancel = clock.WithTimeout(ctx, heartbeat)
		}
		select {
		case o := <-w.done:
			cancel()
			if o.fail != nil {
				return nil, o.fail
			}
			return o.output, nil
		case <-w.heartbeat:
			cancel()
		case <-hctx.Done():
			cancel()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			// AWS records a missed heartbeat as TaskTimedOut with
			// States.Timeout (the LocalStack corpus, test_heartbeats).
			return nil, &Failure{Name: ErrTimeout}
		}
	}
}
