package bus_test

import (
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
)

func TestTriggerInstance(t *testing.T) {
	at := time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC)
	webhook, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "u"}, map[string]any{"a": 1}, bus.WithTime(at), bus.WithInstanceID("i1"))
	if err != nil {
		t.Fatal(err)
	}
	aws := bus.Event{Version: "0", ID: "aws-1", Source: "aws.s3", DetailType: "Object Created", Time: at, Detail: []byte(`{"bucket":"b"}`)}
	// A sensor calling PutEvents itself sends no detail.id: the event id is
	// the trigger instance id, unless source or detail-type disagree with
	// the trigger type.
	noID := bus.Event{Version: "0", ID: "ev-1", Source: "stormless.acme", DetailType: "acme.alert", Time: at,
		Detail: []byte(`{"trigger":{"type":"acme.alert","parameters":{}},"payload":{"level":"high"}}`)}
	otherType := noID
	otherType.DetailType = "acme.other"
	tests := []struct {
		name        string
		e           bus.Event
		id, trigger string
		payload     string
	}{
		{"trigger event", webhook, "i1", "core.st2.webhook", `{"a":1}`},
		{"trigger event without an instance id", noID, "ev-1", "acme.alert", `{"level":"high"}`},
		{"detail-type other than the trigger", otherType, "ev-1", "aws.events", `{"version":"0","id":"ev-1","source":"stormless.acme","detail-type":"acme.other","time":"2026-11-28T01:00:00Z","region":"","account":"","resources":[],"detail":{"trigger":{"type":"acme.alert","parameters":{}},"payload":{"level":"high"}}}`},
		{"AWS event", aws, "aws-1", "aws.events", `{"version":"0","id":"aws-1","source":"aws.s3","detail-type":"Object Created","time":"2026-11-28T01:00:00Z","region":"","account":"","resources":[],"detail":{"bucket":"b"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ti, err := tt.e.TriggerInstance()
			if err != nil {
				t.Fatal(err)
			}
			if ti.ID != tt.id || ti.Trigger != tt.trigger || string(ti.Payload) != tt.payload {
				t.Errorf("got %s %s %s, want %s %s %s", ti.ID, ti.Trigger, ti.Payload, tt.id, tt.trigger, tt.payload)
			}
			if err := ti.Validate(); err != nil || ti.Status != execution.TriggerPending || !ti.OccurrenceTime.Equal(at) {
				t.Errorf("got %+v (%v), want a valid pending record at %v", ti, err, at)
			}
		})
	}
}
