package timer

import (
	"testing"
	"time"
)

// FuzzCron parses arbitrary field expressions and checks that whatever
// parses yields fire times that are whole seconds, in order, and allowed
// by every field.
func FuzzCron(f *testing.F) {
	seeds := [][3]string{
		{"*/5", "", ""}, {"1-5/2", "mon-fri", ""}, {"last", "*", "3"}, {"2nd tue", "", "*/10"},
		{"1,15", "sat,sun", "9-17"}, {"5/10", "0", "23"}, {" 1 , 2 ", "MON", "0-0/5"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], int64(1_700_000_000))
	}
	ny := mustLoad(f, "America/New_York")
	f.Fuzz(func(t *testing.T, day, dow, hour string, unix int64) {
		fields := map[string]any{}
		for k, v := range map[string]string{"day": day, "day_of_week": dow, "hour": hour} {
			if v != "" {
				fields[k] = v
			}
		}
		c, err := NewCron(fields, ny)
		if err != nil {
			return
		}
		now := time.Unix(unix%4_000_000_000, 0)
		var prev time.Time
		for range 3 {
			next, ok := c.Next(prev, now)
			if !ok {
				return
			}
			if next.Before(now) || next.Nanosecond() != 0 || (!prev.IsZero() && !next.After(prev)) {
				t.Fatalf("%v: got %v after prev %v now %v", fields, next, prev, now)
			}
			prev, now = next, next
		}
	})
}
