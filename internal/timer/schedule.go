package timer

import (
	"errors"
	"fmt"
	"time"
)

// Timer trigger type refs.
const (
	IntervalTimer = "core.st2.IntervalTimer"
	DateTimer     = "core.st2.DateTimer"
	CronTimer     = "core.st2.CronTimer"
)

// ErrNotTimer is returned for a trigger type that is not a timer.
var ErrNotTimer = errors.New("not a timer trigger type")

// IsTimer reports whether triggerType is one of the timer trigger types.
func IsTimer(triggerType string) bool {
	return triggerType == IntervalTimer || triggerType == DateTimer || triggerType == CronTimer
}

// Schedule computes fire times, as an APScheduler trigger does.
// Implementations are immutable and safe for concurrent use.
type Schedule interface {
	// Next returns the fire time following prev (the zero time when the
	// schedule has not fired yet), given the current time now; ok is false
	// when the schedule will not fire again.
	Next(prev, now time.Time) (next time.Time, ok bool)
}

var (
	_ Schedule = (*Cron)(nil)
	_ Schedule = Interval{}
	_ Schedule = Date{}
)

// ParseSchedule builds the schedule of a timer trigger from its
// parameters. added is when the timer is added (an interval counts from
// it); loc is used when the parameters name no timezone. Errors wrap
// ErrNotTimer, or describe the invalid parameter (*ExprError for cron
// expressions).
func ParseSchedule(triggerType string, params map[string]any, added time.Time, loc *time.Location) (Schedule, error) {
	loc, err := timezone(params, loc)
	if err != nil {
		return nil, err
	}
	switch triggerType {
	case IntervalTimer:
		return NewInterval(params, added)
	case DateTimer:
		return NewDate(params, loc)
	case CronTimer:
		fields := map[string]any{}
		for k, v := range params {
			if k != "timezone" {
				fields[k] = v
			}
		}
		return NewCron(fields, loc)
	}
	return nil, fmt.Errorf("parsing schedule of %s: %w", triggerType, ErrNotTimer)
}

// timezone loads the "timezone" parameter, or returns dflt without one.
func timezone(params map[string]any, dflt *time.Location) (*time.Location, error) {
	v, ok := params["timezone"]
	if !ok || v == nil {
		return dflt, nil
	}
	name, _ := v.(string)
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("loading timezone %v: not a time zone name", v)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("loading timezone %q: %w", name, err)
	}
	return loc, nil
}
