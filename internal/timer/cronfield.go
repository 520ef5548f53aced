package timer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// cronField is one of the eight cron fields with its expressions.
type cronField struct {
	name   string
	lo, hi int  // APScheduler's MIN_VALUES and MAX_VALUES
	real   bool // a datetime component (week and day_of_week are not)
	exprs  []cronExpr
	source string
	isDflt bool
}

// fieldSpecs lists the fields from most to least significant, with the
// default of an unspecified field below the least significant given one.
var fieldSpecs = []struct {
	name   string
	lo, hi int
	real   bool
	dflt   string
}{
	{"year", 1970, 9999, true, "*"},
	{"month", 1, 12, true, "1"},
	{"day", 1, 31, true, "1"},
	{"week", 1, 53, false, "*"},
	{"day_of_week", 0, 6, false, "*"},
	{"hour", 0, 23, true, "0"},
	{"minute", 0, 59, true, "0"},
	{"second", 0, 59, true, "0"},
}

func newField(i int, expr string, dflt bool) (*cronField, error) {
	s := fieldSpecs[i]
	f := &cronField{name: s.name, lo: s.lo, hi: s.hi, real: s.real, source: expr, isDflt: dflt}
	for _, part := range separatorRe.Split(strings.TrimSpace(expr), -1) {
		e, err := parseExpr(f, part)
		if err != nil {
			return nil, err
		}
		f.exprs = append(f.exprs, e)
	}
	return f, nil
}

// value reads the field from w's wall-clock fields.
func (f *cronField) value(w wall) int {
	switch f.name {
	case "year":
		return w.t.Year()
	case "month":
		return int(w.t.Month())
	case "day":
		return w.t.Day()
	case "week":
		_, wk := w.t.ISOWeek()
		return wk
	case "day_of_week":
		return weekdayMon(w.t)
	case "hour":
		return w.t.Hour()
	case "minute":
		return w.t.Minute()
	}
	return w.t.Second()
}

func (f *cronField) min(wall) int { return f.lo }

func (f *cronField) max(w wall) int {
	if f.name == "day" {
		return daysIn(w.t.Year(), int(w.t.Month()))
	}
	return f.hi
}

// next is the smallest value any expression allows at or after w's.
func (f *cronField) next(w wall) (int, bool) {
	best, found := 0, false
	for _, e := range f.exprs {
		if v, ok := e.next(w, f); ok && (!found || v < best) {
			best, found = v, true
		}
	}
	return best, found
}

// FieldString turns a CronTimer parameter value into APScheduler's
// str(value): strings as they are, integral numbers in decimal; anything
// else is an *ExprError naming the field.
func FieldString(name string, v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatInt(int64(x), 10), nil
		}
	}
	return "", &ExprError{Field: name, Expr: fmt.Sprint(v), Reason: "must be a string or an integer"}
}
