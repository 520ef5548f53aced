package command

import (
	"time"

	"github.com/stormless/stormless/internal/timer"
)

// Option configures a command Sensor.
type Option func(*Sensor)

// WithClock sets the clock polls wait on (default the system clock).
func WithClock(c timer.Clock) Option { return func(s *Sensor) { s.clock = c } }

// WithTimeout bounds one run of the command (default the poll interval,
// at least 30 seconds).
func WithTimeout(d time.Duration) Option { return func(s *Sensor) { s.timeout = d } }

// WithInterval overrides the sensor's poll_interval.
func WithInterval(d time.Duration) Option {
	return func(s *Sensor) {
		if d > 0 {
			s.interval = d
		}
	}
}
