package timer

import (
	"time"
	_ "time/tzdata" // timers name zones; machines may lack zoneinfo
)

// wall is a Python aware datetime under pytz: wall-clock fields (held in
// a UTC time.Time) and the UTC offset they are read with. APScheduler's
// cron arithmetic works on these fields, so Cron does too.
type wall struct {
	t   time.Time // the wall-clock fields, location UTC
	off int       // seconds east of UTC
}

// instant is the moment w denotes.
func (w wall) instant() time.Time { return w.t.Add(-time.Duration(w.off) * time.Second) }

// wallAt reads instant i in loc (Python's astimezone / pytz normalize).
func wallAt(i time.Time, loc *time.Location) wall {
	_, off := i.In(loc).Zone()
	return wall{t: i.UTC().Add(time.Duration(off) * time.Second), off: off}
}

// localize attaches loc's offset to the wall-clock fields n as pytz's
// localize(is_dst=False) does: a time that exists once takes its offset;
// a repeated time takes the standard-time offset (the later instant when
// both or neither are standard time); a skipped time takes the offset in
// force six hours before.
func localize(n time.Time, loc *time.Location) wall {
	return localizeDepth(n, loc, 0)
}

func localizeDepth(n time.Time, loc *time.Location, depth int) wall {
	var found []time.Time
	for _, probe := range []time.Duration{-24 * time.Hour, 24 * time.Hour} {
		_, off := n.Add(probe).In(loc).Zone()
		i := n.Add(-time.Duration(off) * time.Second)
		if _, got := i.In(loc).Zone(); got == off && !containsTime(found, i) {
			found = append(found, i)
		}
	}
	switch {
	case len(found) == 0 && depth < 4:
		w := localizeDepth(n.Add(-6*time.Hour), loc, depth+1)
		return wall{t: n, off: w.off}
	case len(found) == 0:
		return wallAt(n, loc)
	}
	return wallAt(pickStandard(found, loc), loc)
}

// pickStandard chooses among the instants a wall time may denote.
func pickStandard(found []time.Time, loc *time.Location) time.Time {
	best := found[0]
	for _, i := range found[1:] {
		bDST, iDST := best.In(loc).IsDST(), i.In(loc).IsDST()
		if (bDST && !iDST) || (bDST == iDST && i.After(best)) {
			best = i
		}
	}
	return best
}

func containsTime(ts []time.Time, t time.Time) bool {
	for _, x := range ts {
		if x.Equal(t) {
			return true
		}
	}
	return false
}

// naive builds wall-clock fields.
func naive(year, month, day, hour, minute, second int) time.Time {
	return time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC)
}

// daysIn is the number of days of month in year.
func daysIn(year, month int) int {
	return naive(year, month+1, 0, 0, 0, 0).Day()
}
