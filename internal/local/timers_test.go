package local

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestIntervalTimerFiresRule(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	x := waitFinal(t, e, execution.ExecutionQuery{Rule: "t.every_second"})
	if x.Status != execution.StatusSucceeded || x.TriggerType == nil || x.TriggerType.Ref != "core.st2.IntervalTimer" {
		t.Errorf("got %s from %+v, want a succeeded execution caused by the interval timer", x.Status, x.TriggerType)
	}
}
