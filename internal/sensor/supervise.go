package sensor

import (
	"context"
	"fmt"
	"time"
)

// supervise runs sn until ctx is done, restarting it with backoff.
func (s *Supervisor) supervise(ctx context.Context, sup *supervised, sn Sensor) {
	out := output{d: s.d, sup: sup, now: s.s.clock.Now}
	backoff := s.s.minBackoff
	for {
		started := s.s.clock.Now()
		sup.update(func(st *Status) { st.State, st.StartedAt, st.NextRestart = StateRunning, started, time.Time{} })
		err := runSafely(ctx, sn, out)
		if ctx.Err() != nil {
			sup.update(func(st *Status) { st.State = StateStopped })
			return
		}
		if s.s.clock.Now().Sub(started) >= s.s.stable {
			backoff = s.s.minBackoff
		}
		s.failed(sup, err, backoff)
		if !s.sleep(ctx, backoff) {
			sup.update(func(st *Status) { st.State, st.NextRestart = StateStopped, time.Time{} })
			return
		}
		backoff = min(2*backoff, s.s.maxBackoff)
	}
}

// failed records a failure and the restart scheduled after backoff.
func (s *Supervisor) failed(sup *supervised, err error, backoff time.Duration) {
	if err == nil {
		err = ErrExited
	}
	now := s.s.clock.Now()
	sup.update(func(st *Status) {
		st.State, st.Restarts = StateFailing, st.Restarts+1
		st.LastError, st.LastErrorAt, st.NextRestart = err.Error(), now, now.Add(backoff)
	})
}

// sleep waits d on the clock; false when ctx ended first.
func (s *Supervisor) sleep(ctx context.Context, d time.Duration) bool {
	t := s.s.clock.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C():
		return true
	}
}

// runSafely runs sn, turning a panic into an error.
func runSafely(ctx context.Context, sn Sensor, out Output) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("sensor panicked: %v", r)
		}
	}()
	return sn.Run(ctx, out)
}
