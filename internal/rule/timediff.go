package rule

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// timeLayouts are the date formats timediff operators accept: ISO 8601 in
// its common spellings (StackStorm uses dateutil, which accepts more; other
// spellings are an evaluation error here, i.e. no match).
var timeLayouts = []string{
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999Z07",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
}

// parseTime parses a timediff value; times without a zone are UTC.
func parseTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, typeErrorf("timediff value must be a date string, not %s", pyTypeName(v))
	}
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("parsing date %q: not an ISO 8601 date", s)
}

// pyFloat is Python's float(v) for the values a pattern can hold.
func pyFloat(v any) (float64, error) {
	switch x := v.(type) {
	case bool, number:
		n, _ := asNumber(x)
		return n.float(), nil
	case string:
		return parsePyFloat(x)
	}
	return 0, typeErrorf("float() argument must be a string or a number, not '%s'", pyTypeName(v))
}

func parsePyFloat(s string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch strings.TrimLeft(t, "+-") {
	case "inf", "infinity":
		if strings.HasPrefix(t, "-") {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case "nan":
		return math.NaN(), nil
	}
	if strings.HasPrefix(t, "0x") || strings.Contains(t, "p") {
		return 0, fmt.Errorf("could not convert string to float: %q", s)
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64)
	if err != nil && !isRangeError(err) {
		return 0, fmt.Errorf("could not convert string to float: %q", s)
	}
	return f, nil
}

// timediff returns the seconds elapsed from the value's time to now, and
// the period the pattern gives.
func timediff(value, pattern any, now time.Time) (elapsed, period float64, err error) {
	t, err := parseTime(value)
	if err != nil {
		return 0, 0, err
	}
	period, err = pyFloat(pattern)
	if err != nil {
		return 0, 0, err
	}
	return now.Sub(t).Seconds(), period, nil
}
