package schedule

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/timer"
)

// Schedule is an EventBridge Scheduler schedule for one timer trigger:
// the expression (rate(), cron() or at()) and the time zone it is read in.
type Schedule struct {
	Expression string
	Timezone   string
}

// Error says why a timer cannot become an EventBridge Scheduler
// schedule and what to write instead.
type Error struct {
	TriggerType string
	Parameters  map[string]any
	Reason      string
}

func (e *Error) Error() string {
	return fmt.Sprintf("scheduling %s %v on EventBridge Scheduler: %s", e.TriggerType, e.Parameters, e.Reason)
}

// defaultTimezone is the zone of timers that name none. Locally they use
// the machine's zone (as APScheduler does); a deployed stack has no
// machine, so it uses UTC.
const defaultTimezone = "UTC"

// Of maps a timer trigger to its EventBridge Scheduler schedule:
// core.st2.IntervalTimer to rate(), core.st2.CronTimer to cron() (the
// APScheduler fields mapped to AWS's six, day_of_week 0 = Monday),
// core.st2.DateTimer to at() in UTC. The parameters are first checked by
// internal/timer, which the local runtime uses, so both refuse the same
// input. What AWS cannot express (intervals or cron seconds below one
// minute, ISO weeks, day and day_of_week both restricted, steps in
// day_of_week) is an *Error.
func Of(triggerType string, params map[string]any) (Schedule, error) {
	sched, err := timer.ParseSchedule(triggerType, params, time.Unix(0, 0), time.UTC)
	if err != nil {
		return Schedule{}, fmt.Errorf("scheduling %s %v: %w", triggerType, params, err)
	}
	fail := func(format string, args ...any) error {
		return &Error{TriggerType: triggerType, Parameters: params, Reason: fmt.Sprintf(format, args...)}
	}
	switch s := sched.(type) {
	case timer.Interval:
		expr, ok := Rate(s.Every)
		if !ok {
			return Schedule{}, fail("an interval of %v is not a whole number of minutes (EventBridge Scheduler's finest rate is one minute); use unit minutes and a delta of 1 or more", s.Every)
		}
		return Schedule{Expression: expr, Timezone: defaultTimezone}, nil
	case timer.Date:
		return Schedule{Expression: "at(" + s.At.UTC().Format("2006-01-02T15:04:05") + ")", Timezone: "UTC"}, nil
	}
	expr, err := cronExpression(params)
	if err != nil {
		return Schedule{}, fail("%v", err)
	}
	tz := defaultTimezone
	if name, ok := params["timezone"].(string); ok && name != "" {
		tz = name
	}
	return Schedule{Expression: expr, Timezone: tz}, nil
}

// Rate is rate(n unit) for a whole number of minutes; ok is false for
// other durations.
func Rate(every time.Duration) (string, bool) {
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}} {
		if every%u.d != 0 {
			continue
		}
		n := int64(every / u.d)
		if n != 1 {
			return fmt.Sprintf("rate(%d %ss)", n, u.name), true
		}
		return fmt.Sprintf("rate(1 %s)", u.name), true
	}
	return "", false
}

// cronMin are the smallest values of APScheduler's fields, by name.
var cronMin = map[string]int{"year": 1970, "month": 1, "day": 1, "week": 1, "day_of_week": 0, "hour": 0, "minute": 0, "second": 0}

// cronFields returns each of APScheduler's fields as it reads them: the
// given expression, the minimum for fields less significant than every
// given one (week and day_of_week excepted), else "*".
func cronFields(params map[string]any) (map[string]string, error) {
	last := -1
	for i, name := range timer.CronFields {
		if v, ok := params[name]; ok && v != nil {
			last = i
		}
	}
	out := map[string]string{}
	for i, name := range timer.CronFields {
		v, ok := params[name]
		switch {
		case ok && v != nil:
			s, err := timer.FieldString(name, v)
			if err != nil {
				return nil, err
			}
			out[name] = strings.ToLower(strings.TrimSpace(s))
		case i > last && name != "week" && name != "day_of_week":
			out[name] = strconv.Itoa(cronMin[name])
		default:
			out[name] = "*"
		}
	}
	return out, nil
}

// cronExpression maps APScheduler cron fields to cron(minutes hours
// day-of-month month day-of-week year).
func cronExpression(params map[string]any) (string, error) {
	f, err := cronFields(params)
	if err != nil {
		return "", err
	}
	if f["second"] != "0" {
		return "", fmt.Errorf("second %q: EventBridge Scheduler fires at minute granularity; leave second out or set it to 0", f["second"])
	}
	if f["week"] != "*" {
		return "", fmt.Errorf("week %q: AWS cron has no ISO week field; use day and month instead", f["week"])
	}
	minute, err := mapList("minute", f["minute"], 0, 59, nil)
	if err != nil {
		return "", err
	}
	hour, err := mapList("hour", f["hour"], 0, 23, nil)
	if err != nil {
		return "", err
	}
	month, err := mapList("month", f["month"], 1, 12, monthName)
	if err != nil {
		return "", err
	}
	year, err := mapList("year", f["year"], 1970, 2199, nil)
	if err != nil {
		return "", err
	}
	dom, dow, err := mapDays(f["day"], f["day_of_week"])
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("cron(%s %s %s %s %s %s)", minute, hour, dom, month, dow, year), nil
}

var months = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// weekdays are APScheduler's day_of_week names, 0 = Monday.
var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func monthName(s string) (string, bool) {
	for _, m := range months {
		if s == m {
			return strings.ToUpper(m), true
		}
	}
	return "", false
}

// weekdayName maps an APScheduler weekday (a name, or 0-6 from Monday) to
// AWS's name.
func weekdayName(s string) (string, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n > 6 {
			return "", false
		}
		return strings.ToUpper(weekdays[n]), true
	}
	for _, d := range weekdays {
		if s == d {
			return strings.ToUpper(d), true
		}
	}
	return "", false
}

var (
	reStep  = regexp.MustCompile(`^\*/(\d+)$`)
	reRange = regexp.MustCompile(`^([a-z0-9]+)(?:-([a-z0-9]+))?(?:/(\d+))?$`)
)

// mapList maps a comma-separated APScheduler field to AWS's syntax. name
// converts names (months); nil means numbers only.
func mapList(field, expr string, lo, hi int, name func(string) (string, bool)) (string, error) {
	if expr == "*" {
		return "*", nil
	}
	var out []string
	for _, part := range strings.Split(expr, ",") {
		p, err := mapPart(field, strings.TrimSpace(part), lo, hi, name)
		if err != nil {
			return "", err
		}
		out = append(out, p...)
	}
	return strings.Join(out, ","), nil
}

// mapPart maps one expression: "*/n" becomes "lo/n"; "a-b/n" is spelled
// out as a list; "a", "a-b" and "a/n" stay as they are.
func mapPart(field, part string, lo, hi int, name func(string) (string, bool)) ([]string, error) {
	if m := reStep.FindStringSubmatch(part); m != nil {
		return []string{fmt.Sprintf("%d/%s", lo, m[1])}, nil
	}
	m := reRange.FindStringSubmatch(part)
	if m == nil {
		return nil, fmt.Errorf("%s %q: AWS cron cannot express it", field, part)
	}
	first, err := fieldValue(field, m[1], name)
	if err != nil {
		return nil, err
	}
	switch {
	case m[2] == "" && m[3] == "":
		return []string{first}, nil
	case m[2] == "":
		return []string{first + "/" + m[3]}, nil
	}
	last, err := fieldValue(field, m[2], name)
	if err != nil {
		return nil, err
	}
	if m[3] == "" {
		return []string{first + "-" + last}, nil
	}
	return expandRange(field, part, m[1], m[2], m[3], name)
}

func fieldValue(field, s string, name func(string) (string, bool)) (string, error) {
	if name != nil {
		if n, ok := name(s); ok {
			return n, nil
		}
	}
	if _, err := strconv.Atoi(s); err == nil {
		return s, nil
	}
	return "", fmt.Errorf("%s %q: not a value AWS cron knows", field, s)
}

// expandRange spells "a-b/n" out as "a,a+n,...", which every cron
// dialect reads the same way.
func expandRange(field, part, a, b, step string, name func(string) (string, bool)) ([]string, error) {
	from, err1 := strconv.Atoi(a)
	to, err2 := strconv.Atoi(b)
	n, err3 := strconv.Atoi(step)
	if err := errors.Join(err1, err2, err3); err != nil || n <= 0 || to < from {
		return nil, fmt.Errorf("%s %q: want numbers a-b/n with a <= b and n > 0", field, part)
	}
	var out []string
	for v := from; v <= to; v += n {
		out = append(out, strconv.Itoa(v))
	}
	return out, nil
}

// awsWeekday is AWS's numbering of an APScheduler weekday name for the
// L and # forms: 1 = Sunday.
func awsWeekday(s string) (int, bool) {
	for i, d := range weekdays {
		if s == d {
			return (i+1)%7 + 1, true
		}
	}
	return 0, false
}

var reNth = regexp.MustCompile(`^(1st|2nd|3rd|4th|5th|last) (mon|tue|wed|thu|fri|sat|sun)$`)

// mapDays maps day and day_of_week, one of which AWS requires to be "?".
// APScheduler requires both to match; AWS cannot restrict both.
func mapDays(day, dow string) (string, string, error) {
	if m := reNth.FindStringSubmatch(day); m != nil {
		if dow != "*" {
			return "", "", fmt.Errorf("day %q with day_of_week %q: AWS cron cannot restrict both", day, dow)
		}
		n, _ := awsWeekday(m[2])
		if m[1] == "last" {
			return "?", fmt.Sprintf("%dL", n), nil
		}
		return "?", fmt.Sprintf("%d#%s", n, m[1][:1]), nil
	}
	if dow != "*" {
		if day != "*" {
			return "", "", fmt.Errorf("day %q with day_of_week %q: AWS cron cannot restrict both; keep one", day, dow)
		}
		d, err := mapWeekdays(dow)
		return "?", d, err
	}
	if day == "last" {
		return "L", "?", nil
	}
	d, err := mapList("day", day, 1, 31, nil)
	return d, "?", err
}

// mapWeekdays maps day_of_week; AWS allows no steps there.
func mapWeekdays(expr string) (string, error) {
	if strings.Contains(expr, "/") {
		return "", fmt.Errorf("day_of_week %q: AWS cron has no steps in day-of-week; list the days", expr)
	}
	out, err := mapList("day_of_week", expr, 0, 6, weekdayName)
	if err != nil {
		return "", err
	}
	return out, nil
}
