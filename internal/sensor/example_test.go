package sensor_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/bus/inproc"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/filewatch"
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

// Example wires a file-watch sensor to an in-process bus under a
// supervisor, as the local runtime does.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "sensor-example")
	defer os.RemoveAll(dir)
	log := filepath.Join(dir, "app.log")
	_ = os.WriteFile(log, []byte("already there\n"), 0o644)

	b, _ := inproc.New()
	got := make(chan bus.Event, 1)
	b.Subscribe(bus.HandlerFunc(func(_ context.Context, e bus.Event) error { got <- e; return nil }))
	d, _ := sensor.NewBusDispatcher(b, sensor.Lookup(nil, filewatch.TriggerTypeDef()))
	clock := fakeclock.New(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	sup, _ := sensor.NewSupervisor(d, sensor.WithClock(clock))
	fw, _ := filewatch.New([]bus.Trigger{{Type: filewatch.TriggerType, Parameters: map[string]any{"file_path": log}}},
		filewatch.WithClock(clock))
	_ = sup.Start(ctx, "linux.FileWatchSensor", fw)

	clock.WaitForTimers(ctx, 1) // the sensor polled once and waits
	f, _ := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString("hello\n")
	_ = f.Close()
	clock.Advance(time.Second)

	e := <-got
	detail, _ := e.TriggerDetail()
	var payload map[string]any
	_ = json.Unmarshal(detail.Payload, &payload)
	fmt.Println(e.DetailType, payload["file_name"], payload["line"])
	sup.Close()
	_ = b.Close(ctx)
	st, _ := sup.Status("linux.FileWatchSensor")
	fmt.Println(st.State, st.Dispatched)
	// Output:
	// linux.file_watch.line app.log hello
	// stopped 1
}
