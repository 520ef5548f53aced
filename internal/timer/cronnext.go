package timer

import "time"

// maxCronSteps bounds the search; schedules that never fire (February
// 30th) run out of years long before.
const maxCronSteps = 1 << 20

// Next returns the fire time after prev (the zero time: none yet) as
// APScheduler's get_next_fire_time(prev, now) does: the earliest time at
// or after now (or just after prev, when that is earlier), at a whole
// second, that every field allows. ok is false when no such time exists.
func (c *Cron) Next(prev, now time.Time) (next time.Time, ok bool) {
	start := now
	if !prev.IsZero() {
		start = minTime(now, prev.Add(time.Microsecond))
		if start.Equal(prev) {
			start = start.Add(time.Microsecond)
		}
	}
	w := wallAt(ceilSecond(start), c.loc)
	horizon := c.horizon(w)
	i := 0
	for steps := 0; i >= 0 && i < len(c.fields) && steps < maxCronSteps && w.t.Year() <= horizon; steps++ {
		w, i = c.step(w, i)
	}
	if i != len(c.fields) {
		return time.Time{}, false
	}
	return w.instant(), true
}

// horizon is the last year worth searching from w: with every year
// allowed, the Gregorian calendar (weekdays and ISO weeks included)
// repeats every 400 years, so a schedule that matched nothing in 401 years
// never matches; otherwise APScheduler's last year, 9999.
func (c *Cron) horizon(w wall) int {
	if y := c.fields[0]; len(y.exprs) == 1 && y.exprs[0] == (rangeExpr{all: true, last: -1}) {
		return w.t.Year() + 401
	}
	return 9999
}

// step checks field i at w and moves w forward when it does not match.
func (c *Cron) step(w wall, i int) (wall, int) {
	f := c.fields[i]
	v, found := f.next(w)
	switch {
	case !found:
		return c.increment(w, i-1)
	case v > f.value(w) && f.real:
		return c.set(w, i, v), i + 1
	case v > f.value(w):
		return c.increment(w, i)
	}
	return w, i + 1
}

// increment adds one to field i (carrying into more significant fields,
// non-datetime fields standing for the day), resets the less significant
// ones to their minimum, and moves w by the wall-clock difference. It
// returns the field actually incremented, -1 when the years ran out.
func (c *Cron) increment(w wall, i int) (wall, int) {
	var vals [8]int
	for j := 0; j >= 0 && j < len(c.fields); {
		if i < 0 {
			return w, -1
		}
		f := c.fields[j]
		switch {
		case !f.real && j == i:
			i, j = i-1, j-1
		case !f.real:
			j++
		case j < i:
			vals[j], j = f.value(w), j+1
		case j > i:
			vals[j], j = f.min(w), j+1
		case f.value(w) == f.max(w):
			i, j = i-1, j-1
		default:
			vals[j], j = f.value(w)+1, j+1
		}
	}
	if i < 0 {
		return w, -1
	}
	n := naive(vals[0], vals[1], vals[2], vals[5], vals[6], vals[7])
	return wallAt(w.instant().Add(n.Sub(w.t)), c.loc), i
}

// set gives field i value v, keeps the more significant fields, resets
// the less significant ones to their minimum, and localizes the result.
func (c *Cron) set(w wall, i, v int) wall {
	var vals [8]int
	for j, f := range c.fields {
		switch {
		case !f.real:
		case j < i:
			vals[j] = f.value(w)
		case j > i:
			vals[j] = f.min(w)
		default:
			vals[j] = v
		}
	}
	return localize(naive(vals[0], vals[1], vals[2], vals[5], vals[6], vals[7]), c.loc)
}

// ceilSecond rounds t up to a whole second (datetime_ceil).
func ceilSecond(t time.Time) time.Time {
	if r := t.Truncate(time.Second); !r.Equal(t) {
		return r.Add(time.Second)
	}
	return t
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
