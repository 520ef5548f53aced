package bus_test

import (
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/bus"
)

func ExampleNewEvent() {
	e, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "sample"},
		map[string]any{"body": map[string]any{"ok": true}},
		bus.WithTime(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)), bus.WithInstanceID("6747b1000000000000000001"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Source, e.DetailType, e.Time.Format(time.RFC3339))
	fmt.Println(string(e.Detail))
	// Output:
	// stormless.core core.st2.webhook 2026-11-28T00:00:00Z
	// {"id":"6747b1000000000000000001","payload":{"body":{"ok":true}},"trigger":{"parameters":{"url":"sample"},"type":"core.st2.webhook"}}
}
