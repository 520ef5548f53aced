package timer

import (
	"fmt"
	"math"
	"time"
)

// Interval is APScheduler's IntervalTrigger: fires every Every of elapsed
// time, the first at Start.
type Interval struct {
	Every time.Duration
	Start time.Time
}

var units = map[string]time.Duration{
	"weeks": 7 * 24 * time.Hour, "days": 24 * time.Hour, "hours": time.Hour,
	"minutes": time.Minute, "seconds": time.Second,
}

// NewInterval builds the schedule of an IntervalTimer {unit, delta}
// added at added: the first fire is one interval later. A delta of 0
// means one second, as in APScheduler; a negative delta is refused.
func NewInterval(params map[string]any, added time.Time) (Interval, error) {
	unit, _ := params["unit"].(string)
	per, ok := units[unit]
	if !ok {
		return Interval{}, fmt.Errorf("parsing interval timer: unit %v: want weeks, days, hours, minutes or seconds", params["unit"])
	}
	delta, ok := integer(params["delta"])
	if !ok || delta < 0 || delta > math.MaxInt64/int64(per) {
		return Interval{}, fmt.Errorf("parsing interval timer: delta %v: want a non-negative integer", params["delta"])
	}
	every := time.Duration(delta) * per
	if every == 0 {
		every = time.Second
	}
	return Interval{Every: every, Start: added.Add(every)}, nil
}

// Next returns prev plus the interval, or the first start time at or
// after now.
func (iv Interval) Next(prev, now time.Time) (time.Time, bool) {
	if !prev.IsZero() {
		return prev.Add(iv.Every), true
	}
	if iv.Start.After(now) {
		return iv.Start, true
	}
	n := (now.Sub(iv.Start) + iv.Every - 1) / iv.Every
	return iv.Start.Add(n * iv.Every), true
}

// integer reads an integral JSON or YAML number.
func integer(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case uint64:
		return int64(x), x <= math.MaxInt64
	case float64:
		return int64(x), x == math.Trunc(x) && math.Abs(x) < 1<<62
	}
	return 0, false
}
