package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/sensor"
)

// TestUpRunsPackSensors starts up over a pack whose command sensor's
// output fires a rule, and whose other sensor crashes: the rule runs, and
// GET /api/v1/sensortypes shows one running and one failing with its
// error.
func TestUpRunsPackSensors(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "sensorpacks"))
	if err != nil {
		t.Fatal(err)
	}
	up := startUp(t, upConfig{set: set, dataDir: t.TempDir()})
	base := up.base
	x := waitFor[execution.Execution](t, base+"/api/v1/executions?rule=upsense.on_beat", func(xs []execution.Execution) bool {
		return len(xs) > 0 && xs[0].Status.Final()
	})[0]
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "beat from upsense.beat") {
		t.Errorf("got %s %s, want the heartbeat echoed", x.Status, x.Result)
	}
	types := waitFor[sensor.Type](t, base+"/api/v1/sensortypes?pack=upsense", func(ts []sensor.Type) bool {
		return len(ts) == 2 && ts[1].Status.State == sensor.StateFailing
	})
	if beat := types[0]; beat.Ref != "upsense.beat" || beat.Status.State != sensor.StateRunning || beat.Status.Dispatched != 1 {
		t.Errorf("got %+v, want upsense.beat running with one dispatch", beat)
	}
	if crash := types[1]; crash.Status.Restarts < 1 || !strings.Contains(crash.Status.LastError, "no upstream reachable") {
		t.Errorf("got %+v, want upsense.crash failing with its stderr", crash.Status)
	}
	up.stop(t)
}

// waitFor polls a JSON listing until ok accepts it.
func waitFor[T any](t *testing.T, url string, ok func([]T) bool) []T {
	t.Helper()
	var items []T
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		items = nil
		err = json.NewDecoder(resp.Body).Decode(&items)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("decoding %s: %v", url, err)
		}
		if ok(items) {
			return items
		}
	}
	t.Fatalf("%s never held what was wanted; last %+v", url, items)
	return nil
}

// TestUpRestartsSensorsOnReload adds a command sensor and its rule to a
// pack while up runs: after POST /api/v1/packs/reload the new sensor runs
// and fires the rule.
func TestUpRestartsSensorsOnReload(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "late")
	write := func(name, data string, mode os.FileMode) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), mode); err != nil {
			t.Fatal(err)
		}
	}
	write("pack.yaml", "---\nref: late\nname: late\ndescription: d\nversion: 0.1.0\nauthor: a\n", 0o644)
	dirs := []string{filepath.Join("..", "..", "packs", "core"), dir}
	set, err := pack.Load(dirs...)
	if err != nil {
		t.Fatal(err)
	}
	base := startUp(t, upConfig{set: set, packDirs: dirs, dataDir: t.TempDir()}).base
	write("sensors/ping.yaml", "---\nname: ping\nentry_point: ping.sh\npoll_interval: 3600\ntrigger_types:\n  - name: ping\n", 0o644)
	write("sensors/ping.sh", "#!/bin/sh\necho '{\"from\": \"late\"}'\n", 0o755)
	write("rules/on_ping.yaml", "---\nname: on_ping\npack: late\nenabled: true\ntrigger:\n  type: late.ping\naction:\n  ref: core.noop\n", 0o644)
	postJSON(t, base+"/api/v1/packs/reload", `{}`, http.StatusOK)
	x := waitFor[execution.Execution](t, base+"/api/v1/executions?rule=late.on_ping", func(xs []execution.Execution) bool {
		return len(xs) > 0 && xs[0].Status.Final()
	})[0]
	if x.Status != execution.StatusSucceeded {
		t.Errorf("got %s, want the rule run by the new sensor's trigger", x.Status)
	}
	waitFor[sensor.Type](t, base+"/api/v1/sensortypes?pack=late", func(ts []sensor.Type) bool {
		return len(ts) == 1 && ts[0].Status.State == sensor.StateRunning && ts[0].Status.Dispatched == 1
	})
}
