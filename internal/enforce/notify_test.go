package enforce

import (
	"slices"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestNotifySectionsFollowStackStorm(t *testing.T) {
	tests := []struct {
		name   string
		status execution.Status
		want   []string
	}{
		{"succeeded", execution.StatusSucceeded, []string{"on-complete", "on-success"}},
		{"failed", execution.StatusFailed, []string{"on-complete", "on-failure"}},
		{"timeout", execution.StatusTimeout, []string{"on-complete", "on-failure"}},
		{"abandoned", execution.StatusAbandoned, []string{"on-complete", "on-failure"}},
		{"canceled", execution.StatusCanceled, []string{"on-complete"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notifySections(tt.status); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
