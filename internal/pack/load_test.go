package pack_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/pack"
)

// TestShippedPacks loads packs/: shipped content must validate clean.
func TestShippedPacks(t *testing.T) {
	s, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatalf("loading packs/: %v", err)
	}
	if w := s.Warnings(); len(w) > 0 {
		t.Errorf("got warnings, want none:\n%v", w)
	}
	tests := []struct {
		name    string
		pack    string
		actions int
		rules   int
	}{
		{name: "core", pack: "core", actions: 11},
		{name: "examples", pack: "examples", actions: 3, rules: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := s.Pack(tt.pack)
			if !ok {
				t.Fatalf("got no pack %s, want it loaded", tt.pack)
			}
			if len(p.Actions) != tt.actions || len(p.Rules) != tt.rules {
				t.Errorf("got %d actions and %d rules, want %d and %d", len(p.Actions), len(p.Rules), tt.actions, tt.rules)
			}
		})
	}
}

// TestRunnerParameterMerge checks StackStorm's merge of an action's
// parameters over its runner's, on the shipped core pack.
func TestRunnerParameterMerge(t *testing.T) {
	s, err := pack.Load(filepath.Join("..", "..", "packs", "core"))
	if err != nil {
		t.Fatalf("loading packs/core: %v", err)
	}
	tests := []struct {
		name      string
		action    string
		param     string
		def       any
		required  bool
		immutable bool
		secret    bool
	}{
		{name: "action adds a parameter", action: "core.echo", param: "message", required: true},
		{name: "action overrides default and immutable", action: "core.local_sudo", param: "sudo", def: true, immutable: true},
		{name: "runner parameter inherited", action: "core.local", param: "timeout", def: 60},
		{name: "runner secret kept", action: "core.echo", param: "sudo_password", immutable: true, secret: true},
		{name: "runner immutable stays immutable", action: "core.remote", param: "dir", def: "/tmp", immutable: true},
		{name: "action makes runner parameter required", action: "core.local", param: "cmd", required: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := s.Action(tt.action)
			if !ok {
				t.Fatalf("got no action %s", tt.action)
			}
			p := a.Parameters[tt.param]
			if p == nil {
				t.Fatalf("got no parameter %s in %s", tt.param, tt.action)
			}
			if p.Default != tt.def || p.Required != tt.required || p.Immutable != tt.immutable || p.Secret != tt.secret {
				t.Errorf("got default=%v required=%v immutable=%v secret=%v, want %v %v %v %v",
					p.Default, p.Required, p.Immutable, p.Secret, tt.def, tt.required, tt.immutable, tt.secret)
			}
		})
	}
}

// TestOverrideSameValueAllowed: a non-overridable attribute may repeat the
// runner's value (core.echo repeats cmd's type).
func TestOverrideSameValueAllowed(t *testing.T) {
	dir := writePack(t, map[string]string{
		"actions/a.yaml": "name: a\nrunner_type: local-shell-cmd\nparameters:\n  timeout:\n    type: integer\n    default: 5\n",
	})
	s, err := pack.Load(dir)
	if err != nil {
		t.Fatalf("got %v, want no error", err)
	}
	a, _ := s.Action("t.a")
	if got := a.Parameters["timeout"].Default; got != 5 {
		t.Errorf("got default %v, want 5", got)
	}
}

func TestLoadRuleFile(t *testing.T) {
	s, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatalf("loading packs/: %v", err)
	}
	dir := writePack(t, map[string]string{
		"rules/r.yaml": `name: r
pack: mine
trigger: {type: core.st2.webhook, parameters: {url: x}}
criteria:
  trigger.body.b: {type: equals, pattern: 2}
  trigger.body.a: {type: regex, pattern: "^x"}
  trigger.body.list: {type: search, condition: any, pattern: {item.v: {type: equals, pattern: 1}}}
action: {ref: core.echo, parameters: {message: hi}}
`,
	})
	r, err := pack.LoadRuleFile(filepath.Join(dir, "rules", "r.yaml"), s)
	if err != nil {
		t.Fatalf("got %v, want no error", err)
	}
	if r.Ref != "mine.r" {
		t.Errorf("got ref %q, want mine.r", r.Ref)
	}
	var keys []string
	for _, c := range r.Criteria {
		keys = append(keys, c.Key)
	}
	if got, want := strings.Join(keys, ","), "trigger.body.b,trigger.body.a,trigger.body.list"; got != want {
		t.Errorf("got criteria %s, want file order %s", got, want)
	}
	if r.Criteria[2].Condition != "any" {
		t.Errorf("got condition %q, want any", r.Criteria[2].Condition)
	}
	if r.Criteria[0].Pos.Line != 5 {
		t.Errorf("got criterion line %d, want 5", r.Criteria[0].Pos.Line)
	}
}

func TestLoadRuleFileUnresolved(t *testing.T) {
	dir := writePack(t, map[string]string{
		"rules/r.yaml": "name: r\ntrigger: {type: core.st2.IntervalTimer, parameters: {unit: minutes}}\naction: {ref: t.nope}\n",
	})
	_, err := pack.LoadRuleFile(filepath.Join(dir, "rules", "r.yaml"), nil)
	var list pack.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Msg, `missing property 'delta'`) {
		t.Errorf("got %v, want one error about the missing delta", err)
	}
}

func TestLoadActionFile(t *testing.T) {
	a, err := pack.LoadActionFile(filepath.Join("..", "..", "packs", "examples", "actions", "greet.yaml"))
	if err != nil {
		t.Fatalf("got %v, want no error", err)
	}
	if a.Ref != "examples.greet" || a.Parameters["cwd"] == nil || a.EntryPath == "" {
		t.Errorf("got %s with %d parameters, entry %q; want examples.greet with runner parameters and an entry path", a.Ref, len(a.Parameters), a.EntryPath)
	}
}

func TestWorkflowParsed(t *testing.T) {
	s, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatalf("loading packs/: %v", err)
	}
	tests := []struct {
		name, action, key string
	}{
		{"orquesta", "examples.check_url", "tasks"},
		{"action-chain", "examples.hello_chain", "chain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := s.Action(tt.action)
			if a == nil || a.Workflow == nil || a.Workflow.Def[tt.key] == nil {
				t.Fatalf("got no parsed workflow with %q for %s", tt.key, tt.action)
			}
		})
	}
}

func TestUnloadedPackIsWarning(t *testing.T) {
	dir := writePack(t, map[string]string{
		"rules/r.yaml": "name: r\ntrigger: {type: linux.file_watch.line}\naction: {ref: slack.post_message}\n",
	})
	s, err := pack.Load(dir)
	if err != nil {
		t.Fatalf("got %v, want no error", err)
	}
	if got := len(s.Warnings()); got != 2 {
		t.Errorf("got %d warnings, want 2: %v", got, s.Warnings())
	}
}

func TestBuiltinTriggerTypes(t *testing.T) {
	s, err := pack.Load(filepath.Join("testdata", "minimal"))
	if err != nil {
		t.Fatalf("loading: %v", err)
	}
	for _, ref := range []string{"core.st2.webhook", "core.st2.IntervalTimer", "core.st2.DateTimer", "core.st2.CronTimer",
		"core.st2.generic.actiontrigger", "core.st2.generic.notifytrigger", "core.st2.action.file_written",
		"core.st2.generic.inquiry", "core.st2.key_value_pair.create", "core.st2.key_value_pair.update",
		"core.st2.key_value_pair.value_change", "core.st2.key_value_pair.delete", "aws.events"} {
		t.Run(ref, func(t *testing.T) {
			tt, ok := s.TriggerType(ref)
			if !ok || !tt.Builtin {
				t.Fatalf("got no built-in trigger type %s", ref)
			}
		})
	}
	webhook, _ := s.TriggerType("core.st2.webhook")
	if err := webhook.ValidateParameters(map[string]any{}); err == nil {
		t.Errorf("got webhook parameters without url accepted, want an error")
	}
}

// writePack writes a pack "t" with files (path -> content) and returns its
// directory.
func writePack(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "t")
	files["pack.yaml"] = "name: t\ndescription: test\nversion: 0.0.1\nauthor: test\n"
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestYAML11Booleans: StackStorm reads YAML with PyYAML, where plain yes,
// no, on and off are booleans.
func TestYAML11Booleans(t *testing.T) {
	dir := writePack(t, map[string]string{
		"actions/a.yaml": "name: a\nrunner_type: noop\nenabled: no\nparameters:\n  p: {type: boolean, default: on}\n  q: {type: string, default: 'yes'}\n",
	})
	s, err := pack.Load(dir)
	if err != nil {
		t.Fatalf("got %v, want no error", err)
	}
	a, _ := s.Action("t.a")
	if a.Enabled || a.Parameters["p"].Default != true || a.Parameters["q"].Default != "yes" {
		t.Errorf("got enabled=%v p=%v q=%v, want false true \"yes\"", a.Enabled, a.Parameters["p"].Default, a.Parameters["q"].Default)
	}
}

func TestRuleActionParameters(t *testing.T) {
	tests := []struct {
		name   string
		params string
		want   string
	}{
		{name: "all given", params: "{cmd: ls}"},
		{name: "required missing", params: "{}", want: `needs parameter "cmd"`},
		{name: "unknown parameter", params: "{cmd: ls, command: ls}", want: `has no parameter "command"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePack(t, map[string]string{
				"actions/run.yaml": "name: run\nrunner_type: local-shell-cmd\nparameters:\n  cmd: {type: string, required: true}\n",
				"rules/r.yaml":     "name: r\ntrigger: {type: core.st2.webhook, parameters: {url: x}}\naction: {ref: t.run, parameters: " + tt.params + "}\n",
			})
			_, err := pack.Load(dir)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
