package execution_test

import (
	"errors"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestCanTransition(t *testing.T) {
	tests := []struct {
		name     string
		from, to execution.Status
		want     bool
	}{
		{"requested to scheduled", execution.StatusRequested, execution.StatusScheduled, true},
		{"scheduled to running", execution.StatusScheduled, execution.StatusRunning, true},
		{"running to succeeded", execution.StatusRunning, execution.StatusSucceeded, true},
		{"running to timeout", execution.StatusRunning, execution.StatusTimeout, true},
		{"running to pausing", execution.StatusRunning, execution.StatusPausing, true},
		{"pausing to paused", execution.StatusPausing, execution.StatusPaused, true},
		{"paused to resuming", execution.StatusPaused, execution.StatusResuming, true},
		{"resuming to running", execution.StatusResuming, execution.StatusRunning, true},
		{"running to pending (inquiry)", execution.StatusRunning, execution.StatusPending, true},
		{"pending to succeeded", execution.StatusPending, execution.StatusSucceeded, true},
		{"canceling to canceled", execution.StatusCanceling, execution.StatusCanceled, true},
		{"delayed to requested", execution.StatusDelayed, execution.StatusRequested, true},
		{"running to abandoned", execution.StatusRunning, execution.StatusAbandoned, true},
		{"succeeded to running", execution.StatusSucceeded, execution.StatusRunning, false},
		{"failed to failed", execution.StatusFailed, execution.StatusFailed, false},
		{"running to running", execution.StatusRunning, execution.StatusRunning, false},
		{"requested to succeeded", execution.StatusRequested, execution.StatusSucceeded, false},
		{"paused to running", execution.StatusPaused, execution.StatusRunning, false},
		{"unknown from", "sleeping", execution.StatusRunning, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := execution.CanTransition(tt.from, tt.to); got != tt.want {
				t.Errorf("CanTransition(%s, %s): got %v, want %v", tt.from, tt.to, got, tt.want)
			}
			err := execution.CheckTransition(tt.from, tt.to)
			if got := err == nil; got != tt.want {
				t.Errorf("CheckTransition(%s, %s): got error %v", tt.from, tt.to, err)
			}
			if err != nil && !errors.Is(err, execution.ErrInvalidTransition) {
				t.Errorf("got error %v, want ErrInvalidTransition", err)
			}
		})
	}
}

func TestStatusClasses(t *testing.T) {
	final := map[execution.Status]bool{
		execution.StatusSucceeded: true, execution.StatusFailed: true, execution.StatusTimeout: true,
		execution.StatusCanceled: true, execution.StatusAbandoned: true,
	}
	for _, s := range execution.Statuses {
		t.Run(string(s), func(t *testing.T) {
			if !s.Valid() {
				t.Errorf("Valid: got false, want true")
			}
			if got := s.Final(); got != final[s] {
				t.Errorf("Final: got %v, want %v", got, final[s])
			}
			if got := s.InFlight(); got != !final[s] {
				t.Errorf("InFlight: got %v, want %v", got, !final[s])
			}
		})
	}
	if execution.Status("sleeping").Valid() {
		t.Error("Valid(sleeping): got true, want false")
	}
	if len(execution.Statuses) != 14 {
		t.Errorf("got %d statuses, want StackStorm's 14", len(execution.Statuses))
	}
}
