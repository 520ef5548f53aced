package timer_test

import (
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/timer"
)

func ExampleNewCron() {
	// StackStorm's CronTimer parameters: weekdays at 09:30, Monday = 0.
	c, err := timer.NewCron(map[string]any{"day_of_week": "0-4", "hour": 9, "minute": 30}, time.UTC)
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) // a Friday
	var prev time.Time
	for range 3 {
		next, _ := c.Next(prev, now)
		fmt.Println(next.Format("Mon 2006-01-02 15:04"))
		prev, now = next, next
	}
	// Output:
	// Mon 2026-11-30 09:30
	// Tue 2026-12-01 09:30
	// Wed 2026-12-02 09:30
}
