package packsensors_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
	"github.com/stormless/stormless/internal/sensor/filewatch"
	"github.com/stormless/stormless/internal/sensor/packsensors"
	"github.com/stormless/stormless/internal/sensor/sensortest"
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

func shipped() string { return filepath.Join("..", "..", "..", "packs") }

func byRef(types []sensor.Type) map[string]sensor.Type {
	m := map[string]sensor.Type{}
	for _, t := range types {
		m[t.Ref] = t
	}
	return m
}

func TestStartListsEverySensor(t *testing.T) {
	set, err := pack.Load(shipped(), filepath.Join("testdata", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	pub := &sensortest.Publisher{}
	r, err := packsensors.Start(t.Context(), set, pub)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ev := pub.Wait(t, 1)[0]
	d, err := ev.TriggerDetail()
	if err != nil || ev.DetailType != "sensy.tick" || ev.Source != "stormless.sensy" || string(d.Payload) != `{"n":1}` {
		t.Fatalf("got %s %s %s (%v), want the tick of sensy.ticker", ev.Source, ev.DetailType, d.Payload, err)
	}
	var types map[string]sensor.Type
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if types = byRef(r.Types()); types["sensy.ticker"].Status.Problems == 1 {
			break
		}
	}
	tests := []struct {
		ref   string
		state sensor.State
		err   string
	}{
		{"sensy.ticker", sensor.StateRunning, "payload_schema"},
		{"sensy.off", sensor.StateDisabled, ""},
		{"sensy.GhostSensor", sensor.StateFailed, "not a built-in sensor"},
		{"sensy.broken", sensor.StateFailed, "not executable"},
		{"linux.FileWatchSensor", sensor.StateIdle, ""},
		{"core.HttpPollSensor", sensor.StateIdle, ""},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			got, ok := types[tt.ref]
			if !ok {
				t.Fatalf("got no sensor %s in %v", tt.ref, types)
			}
			if got.Status.State != tt.state || !strings.Contains(got.Status.LastError, tt.err) {
				t.Errorf("got %s %q, want %s with an error containing %q", got.Status.State, got.Status.LastError, tt.state, tt.err)
			}
		})
	}
	if tk := types["sensy.ticker"]; tk.Status.Dispatched != 1 || tk.UID != "sensor_type:sensy:ticker" || !strings.HasPrefix(tk.ArtifactURI, "file://") {
		t.Errorf("got %+v, want one dispatch, its uid and artifact", tk)
	}
	if fw := types["linux.FileWatchSensor"]; !fw.Builtin || len(fw.TriggerTypes) != 1 || fw.TriggerTypes[0] != filewatch.TriggerType {
		t.Errorf("got %+v, want the built-in file watch sensor of linux.file_watch.line", fw)
	}
}

// writePack writes a pack holding one rule with trigger type and
// parameters, returning its directory's parent.
func writePack(t *testing.T, trigger string, params map[string]any) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "watcher")
	if err := os.MkdirAll(filepath.Join(dir, "rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	p, _ := json.Marshal(params)
	files := map[string]string{
		"pack.yaml": "---\nref: watcher\nname: watcher\ndescription: d\nversion: 0.1.0\nauthor: a\n",
		"rules/r.yaml": "---\nname: r\npack: watcher\nenabled: true\ntrigger:\n  type: " + trigger + "\n  parameters: " + string(p) +
			"\naction:\n  ref: core.noop\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFileWatchRule(t *testing.T) {
	log := filepath.Join(t.TempDir(), "app.log")
	if err := os.WriteFile(log, []byte("old line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := pack.Load(shipped(), writePack(t, filewatch.TriggerType, map[string]any{"file_path": log}))
	if err != nil {
		t.Fatal(err)
	}
	clock := fakeclock.New(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	pub := &sensortest.Publisher{}
	r, err := packsensors.Start(t.Context(), set, pub, packsensors.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	clock.WaitForTimers(t.Context(), 1)
	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("new line\n")
	_ = f.Close()
	clock.Advance(time.Second)
	ev := pub.Wait(t, 1)[0]
	d, _ := ev.TriggerDetail()
	if d.Trigger.Parameters["file_path"] != log || !strings.Contains(string(d.Payload), `"line":"new line"`) {
		t.Errorf("got %v %s, want the rule's file_path and the new line", d.Trigger.Parameters, d.Payload)
	}
	if st := byRef(r.Types())["linux.FileWatchSensor"].Status; st.State != sensor.StateRunning {
		t.Errorf("got %s, want running", st.State)
	}
}

func TestHTTPPollRule(t *testing.T) {
	var status atomic.Int32
	status.Store(200)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(int(status.Load())) }))
	defer srv.Close()
	set, err := pack.Load(shipped(), writePack(t, "core.http_poll", map[string]any{"url": srv.URL, "interval": 5}))
	if err != nil {
		t.Fatal(err)
	}
	clock := fakeclock.New(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	pub := &sensortest.Publisher{}
	r, err := packsensors.Start(t.Context(), set, pub, packsensors.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	clock.WaitForTimers(t.Context(), 1) // the baseline poll is done
	status.Store(503)
	clock.Advance(5 * time.Second)
	ev := pub.Wait(t, 1)[0]
	d, _ := ev.TriggerDetail()
	if ev.DetailType != "core.http_poll" || !strings.Contains(string(d.Payload), `"status_code":503`) {
		t.Errorf("got %s %s, want core.http_poll with the new status", ev.DetailType, d.Payload)
	}
}

// TestLinuxPackMatchesFileWatch checks that the trigger type packs/linux
// declares is the one the built-in sensor dispatches and validates.
func TestLinuxPackMatchesFileWatch(t *testing.T) {
	set, err := pack.Load(shipped())
	if err != nil {
		t.Fatal(err)
	}
	tt, ok := set.TriggerType(filewatch.TriggerType)
	if !ok {
		t.Fatalf("packs/linux declares no %s", filewatch.TriggerType)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"parameters", tt.ParametersSchema["properties"], filewatch.ParametersSchema["properties"]},
		{"payload", tt.PayloadSchema["properties"], filewatch.PayloadSchema["properties"]},
	} {
		if keys(c.got) != keys(c.want) {
			t.Errorf("%s: got properties %s, want %s", c.name, keys(c.got), keys(c.want))
		}
	}
	ht, ok := set.TriggerType("core.http_poll")
	if !ok || !ht.Builtin {
		t.Errorf("got %+v, want core.http_poll built in", ht)
	}
}

// keys lists a JSON object's keys, sorted, as one string.
func keys(v any) string {
	m, _ := v.(map[string]any)
	b, _ := json.Marshal(m)
	var out map[string]json.RawMessage
	_ = json.Unmarshal(b, &out)
	var names []string
	for k := range out {
		names = append(names, k)
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}
