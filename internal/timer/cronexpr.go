package timer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// cronExpr is one comma-separated part of a cron field: it yields the
// smallest allowed value of the field at or after the date's own value.
type cronExpr interface {
	next(w wall, f *cronField) (int, bool)
}

var (
	allRe       = regexp.MustCompile(`^\*(?:/(\d+))?$`)
	rangeRe     = regexp.MustCompile(`^(\d+)(?:-(\d+))?(?:/(\d+))?$`)
	nameRangeRe = regexp.MustCompile(`(?i)^([a-z]+)(?:-([a-z]+))?$`)
	positionRe  = regexp.MustCompile(`(?i)^(1st|2nd|3rd|4th|5th|last) +(\d+|\w+)$`)
	lastRe      = regexp.MustCompile(`(?i)^last$`)
	separatorRe = regexp.MustCompile(` *, *`)
)

var (
	weekdays  = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	months    = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	positions = []string{"1st", "2nd", "3rd", "4th", "5th", "last"}
)

// parseExpr compiles one part of field f's expression, trying APScheduler's
// expression kinds in its order.
func parseExpr(f *cronField, s string) (cronExpr, error) {
	if m := allRe.FindStringSubmatch(s); m != nil {
		return newRange(f, true, 0, -1, m[1])
	}
	if m := rangeRe.FindStringSubmatch(s); m != nil {
		return parseNumericRange(f, m)
	}
	if e, ok, err := parseNamed(f, s); ok {
		return e, err
	}
	return nil, &ExprError{Field: f.name, Expr: s, Reason: "unrecognized expression"}
}

// parseNamed compiles the kinds only some fields accept.
func parseNamed(f *cronField, s string) (cronExpr, bool, error) {
	switch f.name {
	case "day":
		if m := positionRe.FindStringSubmatch(s); m != nil {
			e, err := newPosition(f, m[1], m[2])
			return e, true, err
		}
		if lastRe.MatchString(s) {
			return lastDay{}, true, nil
		}
	case "day_of_week", "month":
		if m := nameRangeRe.FindStringSubmatch(s); m != nil {
			e, err := newNameRange(f, m[1], m[2])
			return e, true, err
		}
	}
	return nil, false, nil
}

func parseNumericRange(f *cronField, m []string) (cronExpr, error) {
	first, err := atoi(f, m[1])
	if err != nil {
		return nil, err
	}
	last := -1
	if m[2] != "" {
		if last, err = atoi(f, m[2]); err != nil {
			return nil, err
		}
	} else if m[3] == "" {
		last = first
	}
	return newRange(f, false, first, last, m[3])
}

func atoi(f *cronField, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &ExprError{Field: f.name, Expr: s, Reason: "number out of range"}
	}
	return n, nil
}

func newNameRange(f *cronField, first, last string) (cronExpr, error) {
	names, base := weekdays, 0
	if f.name == "month" {
		names, base = months, 1
	}
	a := indexOf(names, first)
	if a < 0 {
		return nil, &ExprError{Field: f.name, Expr: first, Reason: "invalid name"}
	}
	b := a
	if last != "" {
		if b = indexOf(names, last); b < 0 {
			return nil, &ExprError{Field: f.name, Expr: last, Reason: "invalid name"}
		}
	}
	return newRange(f, false, a+base, b+base, "")
}

func indexOf(names []string, s string) int {
	for i, n := range names {
		if strings.EqualFold(n, s) {
			return i
		}
	}
	return -1
}

// ExprError is a cron field expression APScheduler would refuse.
type ExprError struct {
	Field, Expr, Reason string
}

// Error says which field and expression, and why.
func (e *ExprError) Error() string {
	return fmt.Sprintf("cron field %s: expression %q: %s", e.Field, e.Expr, e.Reason)
}
