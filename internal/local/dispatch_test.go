package local

import (
	"testing"

	"github.com/stormless/stormless/internal/bus"
)

// TestMayMatchAgreesWithMatcher checks the detail-type shortcut against
// the matcher: wherever it says no rule may match, none does.
func TestMayMatchAgreesWithMatcher(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	cases := []struct {
		trigger string
		params  map[string]any
		payload any
		may     bool
	}{
		{"core.st2.webhook", map[string]any{"url": "noop"}, map[string]any{"body": map[string]any{}}, true},
		{"core.st2.webhook", map[string]any{"url": "nothing"}, map[string]any{"body": map[string]any{}}, true},
		{"core.st2.generic.actiontrigger", nil, map[string]any{"action_ref": "core.echo", "status": "succeeded"}, true},
		{"core.st2.generic.notifytrigger", nil, map[string]any{"route": "r"}, true},
		{"core.st2.key_value_pair.create", nil, map[string]any{}, false},
		{"nopack.nothing", nil, map[string]any{}, false},
	}
	for _, c := range cases {
		ev, err := bus.NewEvent(c.trigger, c.params, c.payload)
		if err != nil {
			t.Fatal(err)
		}
		m, err := e.matchEvent(ev)
		if err != nil {
			t.Fatal(err)
		}
		may := e.mayMatch(ev.DetailType, ev.Source)
		if !may && len(m.rules) > 0 {
			t.Errorf("%s: got no possible match, but the matcher matched %v", c.trigger, m.rules)
		}
		if may != c.may {
			t.Errorf("%s: got may match %v, want %v", c.trigger, may, c.may)
		}
	}
	aws := bus.Event{Source: "aws.ec2", DetailType: "EC2 Instance State-change Notification"}
	if !e.mayMatch(aws.DetailType, aws.Source) {
		t.Error("got no possible match for an AWS event, want the matcher to decide")
	}
}
