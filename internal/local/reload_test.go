package local

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/timer"
)

// writeFile writes data to dir/name, creating directories.
func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

const reloadPack = `---
ref: r
name: r
description: Pack reload test.
version: 0.1.0
author: Stormless
`

// webhookRule is a rule on webhook url running core.echo with message.
func webhookRule(name, url, message string) string {
	return `---
name: ` + name + `
pack: r
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: ` + url + `
action:
  ref: core.echo
  parameters:
    message: "` + message + `"
`
}

// newReloadEngine starts an engine over the core pack and a pack in a
// temporary directory holding one webhook rule, and returns both.
func newReloadEngine(t *testing.T) (*Engine, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "r")
	writeFile(t, dir, "pack.yaml", reloadPack)
	writeFile(t, dir, "rules/first.yaml", webhookRule("first", "first", "one"))
	e, err := New(WithPacks(filepath.Join("..", "..", "packs", "core"), dir), WithDataDir(t.TempDir()),
		WithErrorHandler(func(err error) { t.Logf("engine: %v", err) }))
	if err != nil {
		t.Fatalf("creating engine: %v", err)
	}
	if err := e.Start(t.Context()); err != nil {
		t.Fatalf("starting engine: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e, dir
}

func TestReloadSwitchesRulesAndTimers(t *testing.T) {
	e, dir := newReloadEngine(t)
	os.Remove(filepath.Join(dir, "rules", "first.yaml"))
	writeFile(t, dir, "rules/second.yaml", webhookRule("second", "second", "two"))
	writeFile(t, dir, "rules/tick.yaml", `---
name: tick
pack: r
enabled: true
trigger:
  type: core.st2.IntervalTimer
  parameters: {unit: hours, delta: 1}
action:
  ref: core.noop
`)
	set, err := e.Reload(t.Context())
	if err != nil {
		t.Fatalf("reloading: %v", err)
	}
	if _, ok := set.Rule("r.second"); !ok || e.Packs() != set {
		t.Fatalf("got packs without r.second after reload")
	}
	webhook(t, e, "second", map[string]any{})
	if x := waitFinal(t, e, execution.ExecutionQuery{Rule: "r.second"}); x.Status != execution.StatusSucceeded {
		t.Errorf("got %s, want the new rule's execution succeeded", x.Status)
	}
	// The removed rule no longer matches: an event no rule matches is
	// recorded processed as it is accepted.
	d, _ := webhook(t, e, "first", map[string]any{}).TriggerDetail()
	if ti, err := e.Store().GetTriggerInstance(t.Context(), d.ID); err != nil || ti.Status != execution.TriggerProcessed {
		t.Errorf("got trigger instance %+v (err %v), want processed with no rule", ti, err)
	}
	var timers []timer.Status
	e.mu.Lock()
	timers = e.timers.Timers()
	e.mu.Unlock()
	if len(timers) != 1 || timers[0].Trigger.Type != "core.st2.IntervalTimer" {
		t.Errorf("got timers %+v, want the new rule's interval timer", timers)
	}
}

func TestReloadKeepsOldPacksOnErrors(t *testing.T) {
	e, dir := newReloadEngine(t)
	before := e.Packs()
	writeFile(t, dir, "rules/broken.yaml", "---\nname: broken\npack: r\nenabled: true\ntrigger:\n  type: core.st2.webhook\naction:\n  ref: r.missing_action\n  unknown_field: 1\n")
	_, err := e.Reload(t.Context())
	var list pack.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("got %v, want a pack.ErrorList", err)
	}
	if !strings.Contains(list[0].Error(), "broken.yaml:") {
		t.Errorf("got %q, want the problem located in broken.yaml", list[0].Error())
	}
	if e.Packs() != before {
		t.Error("the packs changed, want the old ones kept")
	}
	webhook(t, e, "first", map[string]any{})
	if x := waitFinal(t, e, execution.ExecutionQuery{Rule: "r.first"}); x.Status != execution.StatusSucceeded {
		t.Errorf("got %s, want the old rule still firing", x.Status)
	}
}

func TestReloadWithoutPackDirs(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs", "core"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(WithPackSet(set), WithDataDir(t.TempDir()), WithTimers(false))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Reload(t.Context()); !errors.Is(err, ErrNoPackDirs) {
		t.Errorf("got %v, want ErrNoPackDirs", err)
	}
}

// Reloading while events flow: every event is still enforced (its trigger
// instance leaves pending) and the race detector finds nothing.
func TestReloadWhileEventsFlow(t *testing.T) {
	e, _ := newReloadEngine(t)
	const n = 60
	ids := make(chan string, n)
	done := make(chan error, 1)
	go func() { // publishing while the test goroutine reloads
		for range n {
			ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "first"}, map[string]any{"headers": map[string]any{}, "body": map[string]any{}})
			if err == nil {
				err = e.Publish(context.Background(), ev)
			}
			if err != nil {
				done <- err
				return
			}
			d, _ := ev.TriggerDetail()
			ids <- d.ID
		}
		done <- nil
	}()
	for range 5 {
		if _, err := e.Reload(t.Context()); err != nil {
			t.Fatalf("reloading: %v", err)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("publishing: %v", err)
	}
	close(ids)
	for id := range ids {
		deadline := time.Now().Add(20 * time.Second)
		for {
			ti, err := e.Store().GetTriggerInstance(t.Context(), id)
			if err == nil && ti.Status != execution.TriggerPending {
				if ti.Status != execution.TriggerProcessed {
					t.Errorf("trigger instance %s: got %s, want processed", id, ti.Status)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("trigger instance %s still pending (%v)", id, err)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}
