package conformance

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
)

// noRecordedCall is the error name a replayed Task raises when the
// recording holds no call of its state left to answer with.
const noRecordedCall = "Conformance.NoRecordedCall"

// pendingWait bounds, in real time, how long a call the recording never
// finished waits for its execution to cancel it.
const pendingWait = 2 * time.Second

// settle is how long, in real time, a recorded timeout waits for the
// execution's other goroutines to reach their own waits.
const settle = 5 * time.Millisecond

// maxSettle bounds, in real time, how long a recorded timeout waits for its
// siblings.
const maxSettle = 500 * time.Millisecond

// recordedService answers every Task state of one execution from the
// recorded calls: in order per state, preferring the first unused call whose
// recorded parameters match. It is an interp.Handler, safe for concurrent
// use.
type recordedService struct {
	in    *interp.Interpreter
	clock *interp.VirtualClock

	mu     sync.Mutex
	calls  map[string][]*call
	used   map[*call]bool
	misses []string
	// differs records, per state, how the first invocation whose
	// parameters matched no recorded call differs from the call used.
	differs map[string]string
}

var _ interp.Handler = (*recordedService)(nil)

func newRecordedService(calls map[string][]*call, in *interp.Interpreter, clock *interp.VirtualClock) *recordedService {
	return &recordedService{in: in, clock: clock, calls: calls, used: map[*call]bool{}, differs: map[string]string{}}
}

// Invoke answers one Task state invocation as recorded.
func (s *recordedService) Invoke(ctx context.Context, req *interp.TaskRequest) (any, error) {
	c := s.take(req.StateName, req.Parameters)
	if c == nil {
		return nil, &interp.Failure{Name: noRecordedCall, Cause: "no recorded call left for state " + req.StateName}
	}
	if req.Pattern == "waitForTaskToken" && (c.HasSubmitted || !c.failed()) {
		return s.callback(ctx, req.TaskToken, c)
	}
	return s.answer(ctx, c)
}

// take picks the call to answer with.
func (s *recordedService) take(state string, params any) *call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var first *call
	for _, c := range s.calls[state] {
		if s.used[c] {
			continue
		}
		if match(c.Params, params) == "" {
			s.used[c] = true
			return c
		}
		if first == nil {
			first = c
		}
	}
	if first == nil {
		s.misses = append(s.misses, state)
		return nil
	}
	s.used[first] = true
	if _, seen := s.differs[state]; !seen {
		s.differs[state] = match(first.Params, params)
	}
	return first
}

// answer ends a plain call as recorded.
func (s *recordedService) answer(ctx context.Context, c *call) (any, error) {
	switch {
	case c.succeeded():
		return c.Output, nil
	case c.failed():
		return nil, &interp.Failure{Name: c.Error, Cause: c.Cause}
	case c.timedOut():
		return s.timeOut(ctx, c)
	}
	return s.pending(ctx)
}

// timeOut lets virtual time run until the state's timeout fires; without
// one it raises the recorded timeout error.
//
// It first waits, in real time, until the other calls of the state that the
// recording shows timing out have started too (concurrent Map iterations),
// so that time runs out for all of them as on AWS.
func (s *recordedService) timeOut(ctx context.Context, c *call) (any, error) {
	s.awaitTimeouts(c.State)
	s.runClock(ctx)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("waiting for the recorded timeout: %w", err)
	}
	return nil, &interp.Failure{Name: c.Error, Cause: c.Cause}
}

// maxVirtualWait bounds how far runClock moves virtual time.
const maxVirtualWait = 48 * time.Hour

// runClock moves virtual time forward a second at a time until ctx ends,
// so that of several timers (HeartbeatSeconds, TimeoutSeconds) the earliest
// fires first.
func (s *recordedService) runClock(ctx context.Context) {
	for elapsed := time.Duration(0); elapsed < maxVirtualWait && ctx.Err() == nil; elapsed += time.Second {
		s.clock.Advance(time.Second)
		if elapsed%time.Minute == 0 {
			time.Sleep(time.Microsecond)
		}
	}
}

// awaitTimeouts waits up to maxSettle until every recorded timed-out call
// of state has been taken.
func (s *recordedService) awaitTimeouts(state string) {
	deadline := time.Now().Add(maxSettle)
	for time.Now().Before(deadline) && s.untakenTimeouts(state) > 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(settle)
}

func (s *recordedService) untakenTimeouts(state string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls[state] {
		if c.timedOut() && !s.used[c] {
			n++
		}
	}
	return n
}

// pending waits for the execution to cancel a call the recording never
// finished (its branch was aborted).
func (s *recordedService) pending(ctx context.Context) (any, error) {
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for an aborted call: %w", ctx.Err())
	case <-time.After(pendingWait):
		return nil, &interp.Failure{Name: noRecordedCall, Cause: "the recorded call never ended"}
	}
}

// callback hands back the recorded submit response and completes the task
// token as recorded: SendTaskSuccess, SendTaskFailure, or a timeout.
func (s *recordedService) callback(ctx context.Context, token string, c *call) (any, error) {
	var err error
	switch {
	case c.succeeded():
		err = s.in.SendTaskSuccess(token, c.Output)
	case c.failed():
		err = s.in.SendTaskFailure(token, c.Error, c.Cause)
	case c.timedOut():
		go s.expire(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("answering task token: %w", err)
	}
	return c.Submitted, nil
}

// expire runs virtual time, once the task waits for its token, until its
// heartbeat or timeout fires and the task ends.
func (s *recordedService) expire(ctx context.Context) {
	time.Sleep(settle)
	s.runClock(ctx)
}

// parameterDiffs returns, per state, how the parameters it sent differ
// from the recorded call's.
func (s *recordedService) parameterDiffs() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.differs)
}

// unanswered lists the states that asked for more calls than recorded.
func (s *recordedService) unanswered() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.misses...)
}
