package timer

import (
	"errors"
	"testing"
	"time"
)

func TestIntervalNext(t *testing.T) {
	added := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		params map[string]any
		now    time.Time
		want   time.Time
	}{
		{"first fire one interval later", map[string]any{"unit": "minutes", "delta": 5}, added, added.Add(5 * time.Minute)},
		{"weeks", map[string]any{"unit": "weeks", "delta": 2}, added, added.Add(14 * 24 * time.Hour)},
		{"JSON number", map[string]any{"unit": "hours", "delta": 3.0}, added, added.Add(3 * time.Hour)},
		{"zero means one second", map[string]any{"unit": "days", "delta": 0}, added, added.Add(time.Second)},
		{"catches up to now", map[string]any{"unit": "seconds", "delta": 10}, added.Add(95 * time.Second), added.Add(100 * time.Second)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv, err := NewInterval(tt.params, added)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := iv.Next(time.Time{}, tt.now); !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDateParsing(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		name string
		date string
		want time.Time
	}{
		{"naive with space", "2026-12-31 23:59:59", time.Date(2027, 1, 1, 4, 59, 59, 0, time.UTC)},
		{"naive with T and fraction", "2026-07-01T12:00:00.5", time.Date(2026, 7, 1, 16, 0, 0, 5e8, time.UTC)},
		{"offset wins over timezone", "2026-07-01T12:00:00+02:00", time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC)},
		{"Z", "2026-07-01T12:00:00Z", time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)},
		{"date only", "2026-07-01", time.Date(2026, 7, 1, 4, 0, 0, 0, time.UTC)},
		{"skipped time moves forward", "2026-03-08 02:30:00", time.Date(2026, 3, 8, 7, 30, 0, 0, time.UTC)},
		{"repeated time is standard time", "2026-11-01 01:30:00", time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := NewDate(map[string]any{"date": tt.date}, ny)
			if err != nil {
				t.Fatal(err)
			}
			if !d.At.Equal(tt.want) {
				t.Errorf("got %v, want %v", d.At.UTC(), tt.want)
			}
			if _, ok := d.Next(d.At, d.At); ok {
				t.Errorf("got a second fire, want one only")
			}
		})
	}
}

func TestParseScheduleRejectsOtherTypes(t *testing.T) {
	_, err := ParseSchedule("core.st2.webhook", nil, time.Now(), time.UTC)
	if !errors.Is(err, ErrNotTimer) {
		t.Errorf("got %v, want ErrNotTimer", err)
	}
}
