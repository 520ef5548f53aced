package timer

import (
	"errors"
	"fmt"
	"time"
)

// ErrMisfired is reported (WithErrorHandler) for a fire skipped because
// it was later than the misfire grace time.
var ErrMisfired = errors.New("timer fire missed")

// Option configures a Scheduler.
type Option func(*settings) error

type settings struct {
	clock   Clock
	loc     *time.Location
	fired   FiredStore
	grace   time.Duration
	onError func(id string, err error)
}

func defaultSettings() settings {
	return settings{clock: SystemClock(), loc: time.Local, fired: &MemoryFired{}, grace: time.Second,
		onError: func(string, error) {}}
}

// WithClock sets the clock (default SystemClock()).
func WithClock(c Clock) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("setting clock: nil")
		}
		s.clock = c
		return nil
	}
}

// WithLocation sets the zone of timers without a timezone parameter
// (default time.Local).
func WithLocation(loc *time.Location) Option {
	return func(s *settings) error {
		if loc == nil {
			return errors.New("setting location: nil")
		}
		s.loc = loc
		return nil
	}
}

// WithFiredStore persists which DateTimers fired (default: in memory).
func WithFiredStore(f FiredStore) Option {
	return func(s *settings) error {
		if f == nil {
			return errors.New("setting fired store: nil")
		}
		s.fired = f
		return nil
	}
}

// WithMisfireGrace sets how late a fire may run (default one second, as
// APScheduler's misfire_grace_time); a later fire is skipped and reported
// wrapping ErrMisfired. A DateTimer added later than this after its date
// is not scheduled.
func WithMisfireGrace(d time.Duration) Option {
	return func(s *settings) error {
		if d < 0 {
			return fmt.Errorf("setting misfire grace %v: negative", d)
		}
		s.grace = d
		return nil
	}
}

// WithErrorHandler receives failures to publish a fire and skipped fires,
// with the timer's ID. It is called from the Run goroutine.
func WithErrorHandler(f func(id string, err error)) Option {
	return func(s *settings) error { s.onError = f; return nil }
}
