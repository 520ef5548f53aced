package timer

import (
	"fmt"
	"time"
)

// Date is APScheduler's DateTrigger: fires once, At.
type Date struct{ At time.Time }

// dateLayouts are the date spellings DateTimer accepts: ISO 8601 with a
// space or "T", optional seconds and fraction, optional offset or "Z".
// StackStorm's dateutil parser accepts more; these are what its docs show.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
}

// NewDate builds the schedule of a DateTimer {date}; a date without an
// offset is read in loc (localized as pytz does).
func NewDate(params map[string]any, loc *time.Location) (Date, error) {
	s, _ := params["date"].(string)
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if hasOffset(layout) {
			return Date{At: t}, nil
		}
		return Date{At: localize(t, loc).instant()}, nil
	}
	return Date{}, fmt.Errorf("parsing date timer: date %v: want an ISO 8601 date such as 2026-12-31 23:59:59", params["date"])
}

func hasOffset(layout string) bool {
	return layout == time.RFC3339Nano || len(layout) > 6 && layout[len(layout)-6:] == "Z07:00"
}

// Next returns At the first time, then nothing.
func (d Date) Next(prev, _ time.Time) (time.Time, bool) {
	return d.At, prev.IsZero()
}
