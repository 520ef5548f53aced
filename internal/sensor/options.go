package sensor

import (
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/timer"
)

// SupervisorOption configures a Supervisor.
type SupervisorOption func(*supervisorSettings) error

type supervisorSettings struct {
	clock                  timer.Clock
	minBackoff, maxBackoff time.Duration
	stable                 time.Duration
}

// WithClock sets the clock backoff waits on (default the system clock).
func WithClock(c timer.Clock) SupervisorOption {
	return func(s *supervisorSettings) error {
		if c == nil {
			return errors.New("setting clock: nil")
		}
		s.clock = c
		return nil
	}
}

// WithBackoff sets the first restart delay, doubled after each failure up
// to max (defaults one second and one minute); a sensor that ran for at
// least stable (default one minute) starts again from min.
func WithBackoff(min, max, stable time.Duration) SupervisorOption {
	return func(s *supervisorSettings) error {
		if min <= 0 || max < min || stable < 0 {
			return fmt.Errorf("setting backoff %v..%v, stable %v: want 0 < min <= max, stable >= 0", min, max, stable)
		}
		s.minBackoff, s.maxBackoff, s.stable = min, max, stable
		return nil
	}
}
