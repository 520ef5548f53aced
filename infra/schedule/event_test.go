package schedule

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/bus"
)

// TestEventIsTheBusEnvelope checks that a schedule's event has the
// source, detail-type and detail shape of the trigger instance the local
// timers publish (bus.NewEvent).
func TestEventIsTheBusEnvelope(t *testing.T) {
	typ, params := "core.st2.CronTimer", map[string]any{"hour": float64(3), "timezone": "UTC"}
	got, err := EventOf(typ, params)
	if err != nil {
		t.Fatal(err)
	}
	want, err := bus.NewEvent(typ, params, map[string]any{"executed_at": "<aws.scheduler.scheduled-time>", "schedule": nil},
		bus.WithInstanceID("<aws.scheduler.execution-id>"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != want.Source || got.DetailType != want.DetailType {
		t.Errorf("got %s/%s, want %s/%s", got.Source, got.DetailType, want.Source, want.DetailType)
	}
	var g, w map[string]any
	if err := json.Unmarshal([]byte(got.Detail), &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want.Detail, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("detail\n got %v\nwant %v", g, w)
	}
	if !strings.Contains(got.Detail, "<aws.scheduler.scheduled-time>") {
		t.Errorf("detail %s: the Scheduler placeholder must stay literal", got.Detail)
	}
}
