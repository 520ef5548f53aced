package schedule

import (
	"errors"
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct {
		name   string
		typ    string
		params map[string]any
		want   Schedule
	}{
		{"interval minutes", "core.st2.IntervalTimer", map[string]any{"unit": "minutes", "delta": 5}, Schedule{"rate(5 minutes)", "UTC"}},
		{"interval one minute", "core.st2.IntervalTimer", map[string]any{"unit": "minutes", "delta": 1}, Schedule{"rate(1 minute)", "UTC"}},
		{"interval seconds in minutes", "core.st2.IntervalTimer", map[string]any{"unit": "seconds", "delta": 120}, Schedule{"rate(2 minutes)", "UTC"}},
		{"interval hours", "core.st2.IntervalTimer", map[string]any{"unit": "hours", "delta": 3}, Schedule{"rate(3 hours)", "UTC"}},
		{"interval 24 hours is a day", "core.st2.IntervalTimer", map[string]any{"unit": "hours", "delta": 24}, Schedule{"rate(1 day)", "UTC"}},
		{"interval weeks", "core.st2.IntervalTimer", map[string]any{"unit": "weeks", "delta": 2}, Schedule{"rate(14 days)", "UTC"}},
		{"cron hour only", "core.st2.CronTimer", map[string]any{"hour": 3}, Schedule{"cron(0 3 * * ? *)", "UTC"}},
		{"cron minute step", "core.st2.CronTimer", map[string]any{"minute": "*/15"}, Schedule{"cron(0/15 * * * ? *)", "UTC"}},
		{"cron weekday 0 is Monday", "core.st2.CronTimer", map[string]any{"day_of_week": 0, "hour": 9, "minute": 30}, Schedule{"cron(30 9 ? * MON *)", "UTC"}},
		{"cron weekday range", "core.st2.CronTimer", map[string]any{"day_of_week": "0-4", "hour": 18, "minute": 0}, Schedule{"cron(0 18 ? * MON-FRI *)", "UTC"}},
		{"cron weekday 6 is Sunday", "core.st2.CronTimer", map[string]any{"day_of_week": "6", "hour": 0, "minute": 0}, Schedule{"cron(0 0 ? * SUN *)", "UTC"}},
		{"cron weekday names", "core.st2.CronTimer", map[string]any{"day_of_week": "mon,wed,fri", "hour": 8, "minute": 0}, Schedule{"cron(0 8 ? * MON,WED,FRI *)", "UTC"}},
		{"cron weekday alone defaults nothing below", "core.st2.CronTimer", map[string]any{"day_of_week": "sat"}, Schedule{"cron(0 0 ? * SAT *)", "UTC"}},
		{"cron month names and day", "core.st2.CronTimer", map[string]any{"month": "jan,jul", "day": 1}, Schedule{"cron(0 0 1 JAN,JUL ? *)", "UTC"}},
		{"cron range with step spelled out", "core.st2.CronTimer", map[string]any{"minute": "0-30/10"}, Schedule{"cron(0,10,20,30 * * * ? *)", "UTC"}},
		{"cron start and step", "core.st2.CronTimer", map[string]any{"minute": "5/20"}, Schedule{"cron(5/20 * * * ? *)", "UTC"}},
		{"cron last day of month", "core.st2.CronTimer", map[string]any{"day": "last", "hour": 23, "minute": 0}, Schedule{"cron(0 23 L * ? *)", "UTC"}},
		{"cron nth weekday", "core.st2.CronTimer", map[string]any{"day": "2nd tue", "hour": 10, "minute": 0}, Schedule{"cron(0 10 ? * 3#2 *)", "UTC"}},
		{"cron last weekday", "core.st2.CronTimer", map[string]any{"day": "last fri", "hour": 17, "minute": 0}, Schedule{"cron(0 17 ? * 6L *)", "UTC"}},
		{"cron year", "core.st2.CronTimer", map[string]any{"year": 2027, "month": 3}, Schedule{"cron(0 0 1 3 ? 2027)", "UTC"}},
		{"cron second zero", "core.st2.CronTimer", map[string]any{"minute": 7, "second": 0}, Schedule{"cron(7 * * * ? *)", "UTC"}},
		{"cron timezone", "core.st2.CronTimer", map[string]any{"hour": 6, "timezone": "Europe/Paris"}, Schedule{"cron(0 6 * * ? *)", "Europe/Paris"}},
		{"date naive in timezone", "core.st2.DateTimer", map[string]any{"date": "2027-01-15 09:00:00", "timezone": "America/New_York"}, Schedule{"at(2027-01-15T14:00:00)", "UTC"}},
		{"date with offset", "core.st2.DateTimer", map[string]any{"date": "2027-06-01T12:30:00+02:00"}, Schedule{"at(2027-06-01T10:30:00)", "UTC"}},
		{"date naive without timezone is UTC", "core.st2.DateTimer", map[string]any{"date": "2027-06-01 12:30"}, Schedule{"at(2027-06-01T12:30:00)", "UTC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Of(tt.typ, tt.params)
			if err != nil {
				t.Fatalf("Of(%s, %v): %v", tt.typ, tt.params, err)
			}
			if got != tt.want {
				t.Errorf("Of(%s, %v) = %+v, want %+v", tt.typ, tt.params, got, tt.want)
			}
		})
	}
}

func TestOfRejects(t *testing.T) {
	tests := []struct {
		name     string
		typ      string
		params   map[string]any
		want     string
		schedErr bool // a *Error (AWS cannot), else invalid input
	}{
		{"interval seconds", "core.st2.IntervalTimer", map[string]any{"unit": "seconds", "delta": 30}, "finest rate is one minute", true},
		{"interval zero", "core.st2.IntervalTimer", map[string]any{"unit": "minutes", "delta": 0}, "finest rate is one minute", true},
		{"interval bad unit", "core.st2.IntervalTimer", map[string]any{"unit": "fortnights", "delta": 1}, "unit", false},
		{"cron seconds", "core.st2.CronTimer", map[string]any{"second": "*/10"}, "minute granularity", true},
		{"cron week", "core.st2.CronTimer", map[string]any{"week": 5}, "ISO week", true},
		{"cron day and weekday", "core.st2.CronTimer", map[string]any{"day": 1, "day_of_week": "mon"}, "cannot restrict both", true},
		{"cron weekday step", "core.st2.CronTimer", map[string]any{"day_of_week": "*/2"}, "no steps in day-of-week", true},
		{"cron invalid minute", "core.st2.CronTimer", map[string]any{"minute": 61}, "minute", false},
		{"cron unknown field", "core.st2.CronTimer", map[string]any{"fortnight": 1}, "unknown field", false},
		{"date invalid", "core.st2.DateTimer", map[string]any{"date": "tomorrow"}, "ISO 8601", false},
		{"not a timer", "core.st2.webhook", map[string]any{"url": "x"}, "not a timer", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Of(tt.typ, tt.params)
			if err == nil {
				t.Fatalf("Of(%s, %v): got no error, want one containing %q", tt.typ, tt.params, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %q, want it to contain %q", err, tt.want)
			}
			var se *Error
			if got := errors.As(err, &se); got != tt.schedErr {
				t.Errorf("errors.As(*Error) = %v, want %v (%v)", got, tt.schedErr, err)
			}
		})
	}
}

// FuzzOf feeds cron field expressions: ScheduleOf never panics,
// and what it accepts is a cron() with six fields, one of day-of-month
// and day-of-week being "?".
func FuzzOf(f *testing.F) {
	for _, s := range []string{"*/5", "0-4", "mon-fri", "last", "2nd tue", "1,2,3", "5/20", "0-30/10", "jan", "*", "61", ""} {
		f.Add("minute", s)
		f.Add("day_of_week", s)
		f.Add("day", s)
		f.Add("month", s)
	}
	f.Fuzz(func(t *testing.T, field, expr string) {
		s, err := Of("core.st2.CronTimer", map[string]any{field: expr})
		if err != nil {
			return
		}
		inner, ok := strings.CutPrefix(s.Expression, "cron(")
		if !ok || !strings.HasSuffix(inner, ")") {
			t.Fatalf("got %q, want cron(...)", s.Expression)
		}
		parts := strings.Fields(strings.TrimSuffix(inner, ")"))
		if len(parts) != 6 {
			t.Fatalf("got %q, want six fields", s.Expression)
		}
		if (parts[2] == "?") == (parts[4] == "?") {
			t.Fatalf("got %q: exactly one of day-of-month and day-of-week must be ?", s.Expression)
		}
	})
}
