package api_test

import (
	"net/http"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/sensor"
)

// sensors is a fixed SensorLister.
type sensors []sensor.Type

func (s sensors) Types() []sensor.Type { return s }

func TestSensorTypes(t *testing.T) {
	list := sensors{
		{Ref: "acme.poller", Pack: "acme", Name: "poller", Enabled: true, TriggerTypes: []string{"acme.up"},
			Status: sensor.Status{Name: "acme.poller", State: sensor.StateFailing, Restarts: 2, LastError: "running sensor acme.poller: exit status 3"}},
		{Ref: "linux.FileWatchSensor", Pack: "linux", Name: "FileWatchSensor", Builtin: true, Enabled: true,
			Status: sensor.Status{Name: "linux.FileWatchSensor", State: sensor.StateIdle}},
	}
	s := newServer(t, api.WithSensors(list))
	var all []sensor.Type
	s.getJSON(t, "/api/v1/sensortypes", &all)
	if len(all) != 2 {
		t.Fatalf("got %d sensor types, want 2", len(all))
	}
	var acme []sensor.Type
	s.getJSON(t, "/api/v1/sensortypes?pack=acme", &acme)
	if len(acme) != 1 || acme[0].Status.State != sensor.StateFailing || acme[0].Status.LastError == "" || acme[0].Status.Restarts != 2 {
		t.Errorf("got %+v, want the failing acme.poller with its error and restarts", acme)
	}
	var one sensor.Type
	s.getJSON(t, "/api/v1/sensortypes/linux.FileWatchSensor", &one)
	if !one.Builtin || one.Status.State != sensor.StateIdle {
		t.Errorf("got %+v, want the idle built-in", one)
	}
	if code, body, _ := s.do(t, http.MethodGet, "/api/v1/sensortypes/nope.nothing", nil); code != http.StatusNotFound {
		t.Errorf("got %d %s, want 404", code, body)
	}
	if code, _, _ := s.do(t, http.MethodPost, "/api/v1/sensortypes", map[string]any{}); code != http.StatusMethodNotAllowed {
		t.Errorf("POST: got %d, want 405", code)
	}
}
