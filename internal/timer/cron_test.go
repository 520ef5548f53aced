package timer

import (
	"errors"
	"testing"
	"time"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestCronNext(t *testing.T) {
	utc := time.UTC
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		name   string
		fields map[string]any
		loc    *time.Location
		now    time.Time
		want   []time.Time // successive fire times
	}{
		{"year step, month step, day range", map[string]any{"year": "2009/2", "month": "1/3", "day": "5-13"}, utc,
			time.Date(2008, 12, 1, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2009, 1, 5, 0, 0, 0, 0, utc), time.Date(2009, 1, 6, 0, 0, 0, 0, utc)}},
		{"month names and day step", map[string]any{"year": "2009", "month": "feb-dec", "day": "*/3"}, utc,
			time.Date(2009, 1, 1, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2009, 2, 1, 0, 0, 0, 0, utc), time.Date(2009, 2, 4, 0, 0, 0, 0, utc)}},
		{"last day of a leap February", map[string]any{"year": 2012, "month": 2, "day": "last"}, utc,
			time.Date(2012, 2, 1, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2012, 2, 29, 0, 0, 0, 0, utc)}},
		{"day range and weekdays overlap", map[string]any{"year": 2009, "month": 1, "day": "6-10", "day_of_week": "2-4"}, utc,
			time.Date(2009, 1, 1, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2009, 1, 7, 0, 0, 0, 0, utc), time.Date(2009, 1, 8, 0, 0, 0, 0, utc)}},
		{"ISO week", map[string]any{"year": 2009, "month": 2, "week": 8}, utc,
			time.Date(2009, 1, 1, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2009, 2, 16, 0, 0, 0, 0, utc)}},
		{"ISO week and weekday", map[string]any{"year": 2009, "week": 15, "day_of_week": 2}, utc,
			time.Date(2009, 1, 1, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2009, 4, 8, 0, 0, 0, 0, utc)}},
		{"day list rolls into next month", map[string]any{"day": "6,8"}, utc,
			time.Date(2009, 9, 25, 7, 0, 0, 0, utc),
			[]time.Time{time.Date(2009, 10, 6, 0, 0, 0, 0, utc), time.Date(2009, 10, 8, 0, 0, 0, 0, utc)}},
		{"last friday", map[string]any{"day": "last fri", "hour": 9}, utc,
			time.Date(2026, 11, 28, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2026, 12, 25, 9, 0, 0, 0, utc), time.Date(2027, 1, 29, 9, 0, 0, 0, utc)}},
		{"2nd monday", map[string]any{"day": "2nd mon"}, utc,
			time.Date(2026, 11, 28, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2026, 12, 14, 0, 0, 0, 0, utc)}},
		{"weekday names, 0 is Monday", map[string]any{"day_of_week": "mon-fri", "hour": 9, "minute": 30}, utc,
			time.Date(2026, 11, 27, 10, 0, 0, 0, utc), // a Friday
			[]time.Time{time.Date(2026, 11, 30, 9, 30, 0, 0, utc), time.Date(2026, 12, 1, 9, 30, 0, 0, utc)}},
		{"day_of_week 0 is Monday", map[string]any{"day_of_week": 0}, utc,
			time.Date(2026, 11, 28, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2026, 11, 30, 0, 0, 0, 0, utc)}},
		{"every 15 seconds", map[string]any{"second": "*/15"}, utc,
			time.Date(2026, 1, 1, 0, 0, 1, 500, utc),
			[]time.Time{time.Date(2026, 1, 1, 0, 0, 15, 0, utc), time.Date(2026, 1, 1, 0, 0, 30, 0, utc)}},
		{"unspecified lower fields are minimum", map[string]any{"hour": "*/6"}, utc,
			time.Date(2026, 1, 1, 1, 2, 3, 0, utc),
			[]time.Time{time.Date(2026, 1, 1, 6, 0, 0, 0, utc), time.Date(2026, 1, 1, 12, 0, 0, 0, utc)}},
		{"null fields are not given", map[string]any{"hour": "*/6", "day": nil}, utc,
			time.Date(2026, 1, 1, 1, 2, 3, 0, utc),
			[]time.Time{time.Date(2026, 1, 1, 6, 0, 0, 0, utc)}},
		{"now itself when it matches", map[string]any{"minute": 5}, utc,
			time.Date(2026, 1, 1, 1, 5, 0, 0, utc),
			[]time.Time{time.Date(2026, 1, 1, 1, 5, 0, 0, utc), time.Date(2026, 1, 1, 2, 5, 0, 0, utc)}},
		{"in a timezone", map[string]any{"hour": 9}, ny,
			time.Date(2026, 7, 1, 0, 0, 0, 0, utc),
			[]time.Time{time.Date(2026, 7, 1, 13, 0, 0, 0, utc), time.Date(2026, 7, 2, 13, 0, 0, 0, utc)}},
		{"skipped DST hour fires an hour later that day", map[string]any{"hour": 2, "minute": 30}, ny,
			time.Date(2026, 3, 8, 5, 0, 0, 0, utc), // 00:00 EST
			[]time.Time{time.Date(2026, 3, 8, 7, 30, 0, 0, utc), time.Date(2026, 3, 9, 6, 30, 0, 0, utc)}},
		{"repeated DST hour fires once, in standard time", map[string]any{"hour": 1, "minute": 30}, ny,
			time.Date(2026, 11, 1, 4, 0, 0, 0, utc), // 00:00 EDT
			[]time.Time{time.Date(2026, 11, 1, 6, 30, 0, 0, utc), time.Date(2026, 11, 2, 6, 30, 0, 0, utc)}},
		{"half-hourly across the repeated hour, as pytz APScheduler", map[string]any{"minute": "*/30"}, ny,
			time.Date(2026, 11, 1, 4, 40, 0, 0, utc), // 00:40 EDT
			[]time.Time{time.Date(2026, 11, 1, 5, 0, 0, 0, utc), time.Date(2026, 11, 1, 6, 30, 0, 0, utc), time.Date(2026, 11, 1, 7, 0, 0, 0, utc)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewCron(tt.fields, tt.loc)
			if err != nil {
				t.Fatalf("building %v: %v", tt.fields, err)
			}
			var prev time.Time
			now := tt.now
			for i, want := range tt.want {
				got, ok := c.Next(prev, now)
				if !ok || !got.Equal(want) {
					t.Fatalf("fire %d: got %v (%v), want %v", i, got.UTC(), ok, want.UTC())
				}
				prev, now = got, got
			}
		})
	}
}

func TestCronNeverFires(t *testing.T) {
	c, err := NewCron(map[string]any{"month": 2, "day": 30}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Next(time.Time{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); ok {
		t.Errorf("got %v, want no fire time", got)
	}
	past, err := NewCron(map[string]any{"year": 2020}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := past.Next(time.Time{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); ok {
		t.Errorf("got %v, want no fire time for a past year", got)
	}
}

func TestCronRejects(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]any
	}{
		{"garbage", map[string]any{"year": "2009-fault"}},
		{"zero step", map[string]any{"minute": "*/0"}},
		{"step over range", map[string]any{"second": "*/60"}},
		{"below minimum", map[string]any{"day": 0}},
		{"above maximum", map[string]any{"hour": "1-24"}},
		{"reversed range", map[string]any{"hour": "5-1"}},
		{"bad weekday name", map[string]any{"day_of_week": "mon-fry"}},
		{"named step", map[string]any{"day_of_week": "mon-fri/2"}},
		{"position with a number", map[string]any{"day": "1st 0"}},
		{"year before 1970", map[string]any{"year": 1969}},
		{"empty", map[string]any{"minute": ""}},
		{"boolean", map[string]any{"minute": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCron(tt.fields, time.UTC)
			var ee *ExprError
			if !errors.As(err, &ee) {
				t.Errorf("got %v, want an *ExprError", err)
			}
		})
	}
	if _, err := NewCron(map[string]any{"minutes": 1}, time.UTC); err == nil {
		t.Errorf("unknown field: got nil, want an error")
	}
}

func TestCronString(t *testing.T) {
	c, err := NewCron(map[string]any{"hour": 9, "day_of_week": "mon-fri"}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "cron[day_of_week='mon-fri', hour='9']"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestExecutedAt(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"microseconds", time.Date(2014, 7, 30, 5, 4, 24, 578325999, time.UTC), "2014-07-30 05:04:24.578325+00:00"},
		{"whole second", time.Date(2014, 7, 30, 5, 4, 24, 0, time.UTC), "2014-07-30 05:04:24+00:00"},
		{"converted to UTC", time.Date(2014, 7, 30, 7, 4, 24, 1000, time.FixedZone("CEST", 7200)), "2014-07-30 05:04:24.000001+00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExecutedAt(tt.in); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
