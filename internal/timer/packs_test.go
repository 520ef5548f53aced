package timer_test

import (
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/timer"
)

// TestShippedTimerRules schedules the timer of every rule in packs/.
func TestShippedTimerRules(t *testing.T) {
	set, err := pack.Load("../../packs")
	if err != nil {
		t.Fatalf("loading packs: %v", err)
	}
	n := 0
	for _, r := range set.Rules() {
		if !timer.IsTimer(r.Trigger.Type) {
			continue
		}
		n++
		t.Run(r.Ref, func(t *testing.T) {
			tr := bus.Trigger{Type: r.Trigger.Type, Parameters: r.Trigger.Parameters}
			if _, err := timer.ParseSchedule(tr.Type, tr.Parameters, time.Now(), time.UTC); err != nil {
				t.Errorf("got %v, want the timer to parse", err)
			}
		})
	}
	if n == 0 {
		t.Fatal("no timer rule in packs/: the shipped examples pack has one; this test checks it")
	}
}
