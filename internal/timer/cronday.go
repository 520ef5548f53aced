package timer

import "time"

// positionExpr is "xth y" in the day field: the 1st to 5th or last given
// weekday of the month.
type positionExpr struct {
	nth     int // 0-4, or 5 for last
	weekday int // 0 = Monday
}

func newPosition(f *cronField, nth, day string) (cronExpr, error) {
	p := positionExpr{nth: indexOf(positions, nth), weekday: indexOf(weekdays, day)}
	if p.weekday < 0 {
		return nil, &ExprError{Field: f.name, Expr: day, Reason: "invalid weekday name"}
	}
	return p, nil
}

func (p positionExpr) next(w wall, _ *cronField) (int, bool) {
	y, m, d := w.t.Date()
	last := daysIn(y, int(m))
	first := weekdayMon(naive(y, int(m), 1, 0, 0, 0))
	hit := p.weekday - first + 1
	if hit <= 0 {
		hit += 7
	}
	target := hit + p.nth*7
	if p.nth == 5 {
		target = hit + (last-hit)/7*7
	}
	return target, target <= last && target >= d
}

// lastDay is "last" in the day field: the month's last day.
type lastDay struct{}

func (lastDay) next(w wall, _ *cronField) (int, bool) {
	y, m, _ := w.t.Date()
	return daysIn(y, int(m)), true
}

// weekdayMon is t's weekday numbered from Monday = 0.
func weekdayMon(t time.Time) int { return (int(t.Weekday()) + 6) % 7 }
