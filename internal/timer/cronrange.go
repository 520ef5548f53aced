package timer

import "strconv"

// rangeExpr is "*", "*/n", "a", "a-b", "a/n", "a-b/n" and the named
// forms: every value from first to last (-1: the field's maximum) that is
// a whole number of steps past first ("*": past the field's minimum).
type rangeExpr struct {
	all         bool
	first, last int
	step        int // 0: none
}

// newRange validates a range as APScheduler does.
func newRange(f *cronField, all bool, first, last int, step string) (cronExpr, error) {
	r := rangeExpr{all: all, first: first, last: last}
	if step != "" {
		n, err := strconv.Atoi(step)
		if err != nil || n == 0 {
			return nil, &ExprError{Field: f.name, Expr: step, Reason: "increment must be a number higher than 0"}
		}
		r.step = n
	}
	return r, r.validate(f)
}

func (r rangeExpr) validate(f *cronField) error {
	switch {
	case r.all && r.step > f.hi-f.lo, !r.all && r.step > r.span(f):
		return &ExprError{Field: f.name, Expr: r.String(), Reason: "the step value is higher than the total range of the expression"}
	case r.all:
		return nil
	case r.last != -1 && r.first > r.last:
		return &ExprError{Field: f.name, Expr: r.String(), Reason: "the minimum value in a range must not be higher than the maximum"}
	case r.first < f.lo:
		return &ExprError{Field: f.name, Expr: r.String(), Reason: "the first value is lower than the minimum value " + strconv.Itoa(f.lo)}
	case r.last > f.hi:
		return &ExprError{Field: f.name, Expr: r.String(), Reason: "the last value is higher than the maximum value " + strconv.Itoa(f.hi)}
	}
	return nil
}

// span is the range a step is checked against; like APScheduler, a last
// value of 0 counts as the field's maximum.
func (r rangeExpr) span(f *cronField) int {
	if r.last <= 0 {
		return f.hi - r.first
	}
	return r.last - r.first
}

func (r rangeExpr) next(w wall, f *cronField) (int, bool) {
	lo, hi := f.min(w), f.max(w)
	if !r.all {
		lo = max(lo, r.first)
		if r.last != -1 {
			hi = min(hi, r.last)
		}
	}
	v := max(lo, f.value(w))
	if r.step > 0 {
		v += pymod(r.step-(v-lo), r.step)
	}
	return v, v <= hi
}

// pymod is Python's %: the result has the divisor's sign.
func pymod(a, b int) int { return ((a % b) + b) % b }

func (r rangeExpr) String() string {
	s := "*"
	if !r.all {
		s = strconv.Itoa(r.first)
		if r.last != -1 && r.last != r.first {
			s += "-" + strconv.Itoa(r.last)
		}
	}
	if r.step > 0 {
		s += "/" + strconv.Itoa(r.step)
	}
	return s
}
