package packsensors_test

import (
	"regexp"
	"testing"

	"github.com/stormless/stormless/internal/pack"
)

// TestShippedRulesKeepTriggerDataOutOfShellCommands checks the shipped
// packs' rules on the sensors' triggers: a value a sensor read (a line of
// a world-writable file, a polled body) must reach a shell command through
// its environment, never inside the command text, where a line such as
// `"; rm -rf ~; "` would run.
func TestShippedRulesKeepTriggerDataOutOfShellCommands(t *testing.T) {
	set, err := pack.Load(shipped())
	if err != nil {
		t.Fatal(err)
	}
	inCommand := regexp.MustCompile(`\{\{[^}]*\btrigger\b`)
	rules := 0
	for _, r := range set.Rules() {
		cmd, _ := r.Action.Parameters["cmd"].(string)
		if r.Trigger.Type != "linux.file_watch.line" && r.Trigger.Type != "core.http_poll" {
			continue
		}
		rules++
		if inCommand.MatchString(cmd) {
			t.Errorf("rule %s (%s): got cmd %q, want trigger values passed in env, not templated into the command", r.Ref, r.Pos.File, cmd)
		}
	}
	if rules == 0 {
		t.Fatal("got no shipped rule on a sensor's trigger, want the linux pack's sample rule")
	}
}
