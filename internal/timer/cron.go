package timer

import (
	"fmt"
	"strings"
	"time"
)

// Cron is APScheduler 3's CronTrigger, which StackStorm's
// core.st2.CronTimer uses. Fields, from most to least significant: year
// (1970-9999), month (1-12 or jan-dec), day (1-31), week (ISO week,
// 1-53), day_of_week (0-6 or mon-sun, 0 = Monday), hour, minute, second.
// Each takes comma-separated expressions: "*", "*/n", "a", "a-b",
// "a-b/n", "a/n"; names and name ranges in month and day_of_week; "last"
// (the month's last day) and "xth y" ("1st mon" to "5th sun", "last
// fri") in day. A field left out defaults to its minimum when it is less
// significant than every given field (week and day_of_week to "*"), else
// to "*". Unlike APScheduler, which reads a name expression from a
// prefix, an expression must be whole ("mon-fri/2" is refused). A Cron
// is immutable and safe for concurrent use.
type Cron struct {
	fields []*cronField
	loc    *time.Location
}

// CronFields are the names of Cron's fields, most significant first.
var CronFields = []string{"year", "month", "day", "week", "day_of_week", "hour", "minute", "second"}

// NewCron builds a Cron from field expressions (strings or integers, as
// in a rule's trigger parameters) read in loc. It returns an *ExprError
// for an expression APScheduler refuses and an error for an unknown field.
func NewCron(fields map[string]any, loc *time.Location) (*Cron, error) {
	for k := range fields {
		if indexOf(CronFields, k) < 0 {
			return nil, fmt.Errorf("building cron schedule: unknown field %q", k)
		}
	}
	c := &Cron{loc: loc}
	remaining, defaults := given(fields), false
	for i, name := range CronFields {
		expr, dflt, err := fieldExpr(fields, name, i, defaults)
		if err != nil {
			return nil, err
		}
		if !dflt {
			remaining--
			defaults = remaining == 0
		}
		f, err := newField(i, expr, dflt)
		if err != nil {
			return nil, err
		}
		c.fields = append(c.fields, f)
	}
	return c, nil
}

// given counts the fields with a value (APScheduler ignores None).
func given(fields map[string]any) int {
	n := 0
	for _, v := range fields {
		if v != nil {
			n++
		}
	}
	return n
}

// fieldExpr is the expression of field name: given, its default below the
// least significant given field, or "*".
func fieldExpr(fields map[string]any, name string, i int, defaults bool) (string, bool, error) {
	if v, ok := fields[name]; ok && v != nil {
		s, err := FieldString(name, v)
		return s, false, err
	}
	if defaults {
		return fieldSpecs[i].dflt, true, nil
	}
	return "*", true, nil
}

// String lists the given fields as APScheduler prints them.
func (c *Cron) String() string {
	var parts []string
	for _, f := range c.fields {
		if !f.isDflt {
			parts = append(parts, fmt.Sprintf("%s='%s'", f.name, f.source))
		}
	}
	return "cron[" + strings.Join(parts, ", ") + "]"
}
