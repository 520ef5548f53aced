package timer

import (
	"context"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/bus"
)

// Run fires timers until ctx is done, then returns nil. Publishing blocks
// the loop (bus backpressure delays later fires, which then count as
// late). Run must not be called twice at once.
func (s *Scheduler) Run(ctx context.Context) error {
	for {
		s.fireDue(ctx)
		wait, stop := s.waitNext()
		select {
		case <-ctx.Done():
			stop()
			return nil
		case <-wait:
		case <-s.changed:
		}
		stop()
	}
}

// maxWait bounds one wait, so that a suspended machine or a changed wall
// clock is noticed within a minute (timers run on the monotonic clock).
const maxWait = time.Minute

// waitNext returns a channel firing at the earliest next fire time, or
// after maxWait (nil when nothing is scheduled), and a function releasing
// its timer.
func (s *Scheduler) waitNext() (<-chan time.Time, func()) {
	next, ok := s.earliest()
	if !ok {
		return nil, func() {}
	}
	t := s.s.clock.NewTimer(min(next.Sub(s.s.clock.Now()), maxWait))
	return t.C(), func() { t.Stop() }
}

func (s *Scheduler) earliest() (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var next time.Time
	for _, j := range s.jobs {
		if next.IsZero() || j.next.Before(next) {
			next = j.next
		}
	}
	return next, !next.IsZero()
}

// fireDue fires every job whose time has come.
func (s *Scheduler) fireDue(ctx context.Context) {
	for _, j := range s.due(s.s.clock.Now()) {
		if ctx.Err() != nil {
			return
		}
		s.fire(ctx, j, s.s.clock.Now()) // publishing may have taken a while
	}
}

func (s *Scheduler) due(now time.Time) []job {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []job
	for _, j := range s.jobs {
		if !j.next.After(now) {
			out = append(out, *j)
		}
	}
	return out
}

// fire runs job j once for all its missed run times (coalescing), unless
// the last one is later than the grace time, then schedules its next run.
func (s *Scheduler) fire(ctx context.Context, j job, now time.Time) {
	run := j.next
	for {
		n, ok := j.sched.Next(run, now)
		if !ok || n.After(now) {
			break
		}
		run = n
	}
	if late := now.Sub(run); late > s.s.grace {
		s.s.onError(j.id, fmt.Errorf("firing timer %s: run time %s missed by %s: %w", j.id, run.UTC().Format(time.RFC3339), late, ErrMisfired))
	} else if err := s.publish(ctx, j, now); err != nil {
		s.s.onError(j.id, err)
	}
	s.reschedule(j, run, now)
}

// reschedule sets the next run of j after run, or drops a finished job.
func (s *Scheduler) reschedule(j job, run, now time.Time) {
	next, ok := j.sched.Next(run, now)
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, exists := s.jobs[j.id]
	if !exists || cur.gen != j.gen {
		return // removed or replaced meanwhile
	}
	if !ok {
		delete(s.jobs, j.id)
		return
	}
	cur.next = next
}

// publish emits the trigger instance of j fired at now and, for a
// DateTimer, records that it fired.
func (s *Scheduler) publish(ctx context.Context, j job, now time.Time) error {
	e, err := bus.NewEvent(j.trigger.Type, j.trigger.Parameters, Payload(now),
		bus.WithTime(now), bus.WithTraceTag(j.traceTag))
	if err != nil {
		return fmt.Errorf("firing timer %s: %w", j.id, err)
	}
	if err := s.pub.Publish(ctx, e); err != nil {
		return fmt.Errorf("firing timer %s: %w", j.id, err)
	}
	if j.trigger.Type == DateTimer {
		return wrapIf(s.s.fired.MarkFired(ctx, j.id), "recording that timer %s fired", j.id)
	}
	return nil
}
