package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
)

func TestLoadPacks(t *testing.T) {
	p, err := LoadPacks(testPacks)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, r := range p.Rules {
		refs = append(refs, r.Ref)
		if got, want := r.DefaultBus, r.Ref == "infratest.on_ec2_stop"; got != want {
			t.Errorf("%s: DefaultBus %v, want %v", r.Ref, got, want)
		}
	}
	wantRefs := []string{"infratest.hourly_a", "infratest.hourly_b", "infratest.new_year", "infratest.on_ec2_stop", "infratest.weekday_morning"}
	if !reflect.DeepEqual(refs, wantRefs) {
		t.Errorf("rules %v, want %v (no disabled or backstop rule)", refs, wantRefs)
	}
	if len(p.Timers) != 3 {
		t.Errorf("got %d timers, want 3", len(p.Timers))
	}
	for _, tm := range p.Timers {
		if strings.Contains(tm.ID, "IntervalTimer") && !reflect.DeepEqual(tm.Rules, []string{"infratest.hourly_a", "infratest.hourly_b"}) {
			t.Errorf("shared timer rules %v", tm.Rules)
		}
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "infratest.fallback") {
		t.Errorf("warnings %v, want one about the backstop rule", p.Warnings)
	}
	var wfs []string
	for _, w := range p.Workflows {
		wfs = append(wfs, w.Name)
	}
	if !reflect.DeepEqual(wfs, []string{"stormless-infratest-inner", "stormless-infratest-outer"}) {
		t.Errorf("workflows %v", wfs)
	}
}

func TestLoadPacksErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	if err := os.CopyFS(bad, os.DirFS(testPacks)); err != nil {
		t.Fatal(err)
	}
	rule := "---\nname: fast\npack: infratest\nenabled: true\ntrigger:\n  type: core.st2.IntervalTimer\n  parameters:\n    unit: seconds\n    delta: 10\naction:\n  ref: infratest.say\n"
	if err := os.WriteFile(filepath.Join(bad, "rules", "fast.yaml"), []byte(rule), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadPacks(bad)
	if err == nil || !strings.Contains(err.Error(), "infratest.fast") || !strings.Contains(err.Error(), "one minute") {
		t.Errorf("got %v, want an error naming infratest.fast and the one-minute limit", err)
	}
	if _, err := LoadPacks(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "stormless pack validate") {
		t.Errorf("got %v, want an error pointing at stormless pack validate", err)
	}
}

// TestMissingBootstrap checks the stack refuses to declare anything
// without the functions' binaries, saying how to build them.
func TestMissingBootstrap(t *testing.T) {
	p, err := LoadPacks(examplePacks)
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewStormlessStack(awscdk.NewApp(nil), "S", &StormlessStackProps{Packs: p, FunctionsDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "make functions") {
		t.Errorf("got %v, want an error saying to run make functions", err)
	}
}

// TestCDKJSON checks cdk.json runs this app with the context keys it
// reads, defaulting to what main assumes.
func TestCDKJSON(t *testing.T) {
	raw, err := os.ReadFile("../cdk.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		App     string            `json:"app"`
		Context map[string]string `json:"context"`
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("cdk.json: %v", err)
	}
	if c.App != "go run ./infra" {
		t.Errorf("app %q, want go run ./infra", c.App)
	}
	want := map[string]string{"packs": "packs", "functions": "dist", "stackName": "Stormless"}
	if !reflect.DeepEqual(c.Context, want) {
		t.Errorf("context %v, want %v", c.Context, want)
	}
}

// TestPastDateTimer checks a DateTimer already past is not scheduled (as
// locally) and says so, while its rule is still deployed.
func TestPastDateTimer(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) }
	p, err := LoadPacks(testPacks)
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range p.Timers {
		if tm.TriggerType == "core.st2.DateTimer" {
			t.Errorf("past DateTimer %s scheduled", tm.ID)
		}
	}
	if len(p.Timers) != 2 || !strings.Contains(strings.Join(p.Warnings, "\n"), "infratest.new_year: its DateTimer") {
		t.Errorf("timers %d, warnings %v; want 2 and one about infratest.new_year", len(p.Timers), p.Warnings)
	}
}
