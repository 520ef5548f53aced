package timer

import "time"

// Payload is the trigger instance payload of a timer fired at firedAt:
// StackStorm's {"executed_at": str(utc_now), "schedule": None}.
func Payload(firedAt time.Time) map[string]any {
	return map[string]any{"executed_at": ExecutedAt(firedAt), "schedule": nil}
}

// ExecutedAt formats t as Python's str() of a UTC datetime does:
// "2026-11-28 00:11:29.578325+00:00", the fraction in microseconds and
// left out when zero.
func ExecutedAt(t time.Time) string {
	t = t.UTC().Truncate(time.Microsecond)
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02 15:04:05+00:00")
	}
	return t.Format("2006-01-02 15:04:05.000000+00:00")
}
