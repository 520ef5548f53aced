package timer

import (
	"testing"
	"time"
)

// matches is a reference for Cron: whether every field allows w's value,
// checked directly rather than searched for.
func (c *Cron) matches(w wall) bool {
	for _, f := range c.fields {
		if !f.allows(w) {
			return false
		}
	}
	return true
}

func (f *cronField) allows(w wall) bool {
	v := f.value(w)
	for _, e := range f.exprs {
		if next, ok := e.next(w, f); ok && next == v {
			return true
		}
	}
	return false
}

// referenceNext scans second by second from now for up to limit.
func referenceNext(c *Cron, now time.Time, limit time.Duration) (time.Time, bool) {
	t := ceilSecond(now)
	for end := t.Add(limit); !t.After(end); t = t.Add(time.Second) {
		if c.matches(wallAt(t, c.loc)) {
			return t, true
		}
	}
	return time.Time{}, false
}

// FuzzCronReference compares Next with a second-by-second scan over one
// day in UTC, where the earliest matching second is what APScheduler
// returns.
func FuzzCronReference(f *testing.F) {
	f.Add("*/7", "5-40/3", "1,13,22", int64(1_700_000_000))
	f.Add("0", "*", "*/5", int64(1_700_000_123))
	f.Add("59", "59", "23", int64(1_800_000_000))
	f.Fuzz(func(t *testing.T, second, minute, hour string, unix int64) {
		fields := map[string]any{"second": second, "minute": minute, "hour": hour}
		c, err := NewCron(fields, time.UTC)
		if err != nil {
			return
		}
		now := time.Unix(unix%4_000_000_000, int64(uint64(unix)%1e9))
		got, ok := c.Next(time.Time{}, now)
		want, found := referenceNext(c, now, 24*time.Hour)
		if found && (!ok || !got.Equal(want)) {
			t.Fatalf("%v from %v: got %v (%v), want %v", fields, now, got, ok, want)
		}
		if !found && ok && got.Before(ceilSecond(now).Add(24*time.Hour)) {
			t.Fatalf("%v from %v: got %v, want nothing within a day", fields, now, got)
		}
	})
}

// TestCronMatchesReference runs the reference comparison on schedules
// with day fields too, over a longer span, in a zone without DST.
func TestCronMatchesReference(t *testing.T) {
	schedules := []map[string]any{
		{"day": "last", "hour": "*/8"},
		{"day": "1st mon,last fri", "hour": 12},
		{"day_of_week": "sat,sun", "hour": "9-11", "minute": "*/20"},
		{"week": "*/2", "day_of_week": 2},
		{"month": "feb", "day": "28-29", "hour": 23, "minute": 59, "second": 59},
	}
	tokyo := mustLoad(t, "Asia/Tokyo")
	for _, fields := range schedules {
		c, err := NewCron(fields, tokyo)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2027, 1, 30, 13, 14, 15, 0, time.UTC)
		for range 2 {
			got, ok := c.Next(time.Time{}, now)
			if !ok {
				t.Fatalf("%v: got no fire time", fields)
			}
			// Scan minute by minute, then second by second, to the answer.
			if !c.matches(wallAt(got, tokyo)) {
				t.Fatalf("%v: got %v, which the fields do not allow", fields, got)
			}
			if earlier := scanBefore(c, now, got); !earlier.IsZero() {
				t.Fatalf("%v: got %v, want the earlier %v", fields, got, earlier)
			}
			now = got.Add(time.Second)
		}
	}
}

// scanBefore returns a matching time in [from, to), or the zero time,
// stepping a minute at a time where whole minutes cannot match.
func scanBefore(c *Cron, from, to time.Time) time.Time {
	for t := ceilSecond(from); t.Before(to); {
		if c.matches(wallAt(t, c.loc)) {
			return t
		}
		if wallAt(t, c.loc).t.Second() == 0 && !c.minuteCanMatch(t) {
			t = t.Add(time.Minute)
			continue
		}
		t = t.Add(time.Second)
	}
	return time.Time{}
}

// minuteCanMatch reports whether any second of the minute starting at t
// might match: every field but second must allow t.
func (c *Cron) minuteCanMatch(t time.Time) bool {
	w := wallAt(t, c.loc)
	for _, f := range c.fields[:len(c.fields)-1] {
		if !f.allows(w) {
			return false
		}
	}
	return true
}
