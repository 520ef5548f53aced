package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/client/clienttest"
	"github.com/stormless/stormless/internal/sensor"
)

// sensorList is an api.SensorLister of fixed types.
type sensorList []sensor.Type

func (l sensorList) Types() []sensor.Type { return l }

// TestPackListCountsTheServersSensors: pack list counts a server's sensors
// from /api/v1/sensortypes, and leaves the count empty for a server that
// runs none (404).
func TestPackListCountsTheServersSensors(t *testing.T) {
	running := sensor.Type{Ref: "clitest.watch", Pack: "clitest", Name: "watch", Enabled: true,
		TriggerTypes: []string{}, Status: sensor.Status{Name: "clitest.watch", State: sensor.StateRunning}}
	s := clienttest.New(t, clienttest.Config{Options: []api.Option{api.WithSensors(sensorList{running})}})
	c, err := client.New(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.SensorTypes(t.Context(), "clitest")
	if err != nil || len(got) != 1 || got[0].Ref != "clitest.watch" || got[0].Status.State != sensor.StateRunning {
		t.Errorf("got %+v, %v, want clitest.watch running", got, err)
	}
	if got, err := c.SensorTypes(t.Context(), "core"); err != nil || len(got) != 0 {
		t.Errorf("got %+v, %v, want no core sensor", got, err)
	}
	rows := packRows(t, s.URL)
	if n := rows["clitest"].Sensors; n == nil || *n != 1 {
		t.Errorf("got clitest sensors %v, want 1", n)
	}
	if n := rows["core"].Sensors; n == nil || *n != 0 {
		t.Errorf("got core sensors %v, want 0", n)
	}

	bare := clienttest.New(t, clienttest.Config{})
	bc, err := client.New(bare.URL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bc.SensorTypes(t.Context(), ""); client.StatusOf(err) != http.StatusNotFound {
		t.Errorf("got %v, want 404 from a server without sensors", err)
	}
	if n := packRows(t, bare.URL)["clitest"].Sensors; n != nil {
		t.Errorf("got clitest sensors %d, want the count left out", *n)
	}
}

// packRows runs pack list against url and returns its rows by ref.
func packRows(t *testing.T, url string) map[string]packRow {
	t.Helper()
	out, errOut, code := runCLI(t, "pack", "list", "--url", url, "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var rows []packRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("got %q (%v)", out, err)
	}
	m := map[string]packRow{}
	for _, r := range rows {
		m[r.Ref] = r
	}
	return m
}
