package sensor_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
)

type published struct{ events []bus.Event }

func (p *published) Publish(_ context.Context, events ...bus.Event) error {
	p.events = append(p.events, events...)
	return nil
}

func TestBusDispatcherValidatesPayload(t *testing.T) {
	types := map[string]*pack.TriggerType{
		"acme.alert": {Ref: "acme.alert", PayloadSchema: map[string]any{
			"type": "object",
			"properties": map[string]any{
				"level":  map[string]any{"type": "string", "required": true},
				"format": map[string]any{"type": "string", "format": "date-time"},
			},
		}},
		"acme.free": {Ref: "acme.free"},
	}
	lookup := func(ref string) (*pack.TriggerType, bool) { tt, ok := types[ref]; return tt, ok }
	tests := []struct {
		name    string
		trigger string
		payload any
		want    bool // published
	}{
		{"valid", "acme.alert", map[string]any{"level": "high", "format": "not a date"}, true},
		{"missing required", "acme.alert", map[string]any{"format": "x"}, false},
		{"wrong type", "acme.alert", map[string]any{"level": 3}, false},
		{"no schema", "acme.free", map[string]any{"anything": true}, true},
		{"unknown trigger type", "acme.nope", map[string]any{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pub := &published{}
			d, err := sensor.NewBusDispatcher(pub, lookup)
			if err != nil {
				t.Fatal(err)
			}
			err = d.Dispatch(t.Context(), bus.Trigger{Type: tt.trigger}, tt.payload)
			if got := len(pub.events) == 1; got != tt.want || (err == nil) != tt.want {
				t.Errorf("got published %v, error %v; want published %v", got, err, tt.want)
			}
			var pe *sensor.PayloadError
			if tt.name == "missing required" && !errors.As(err, &pe) {
				t.Errorf("got %v, want a *PayloadError", err)
			}
		})
	}
}
