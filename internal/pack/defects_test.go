package pack_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/pack"
)

// TestLoadReportsEveryDefect loads a pack with one defect of each class and
// checks that one run reports each at its file and line, and nothing else.
func TestLoadReportsEveryDefect(t *testing.T) {
	dir := filepath.Join("testdata", "defects")
	_, err := pack.Load(dir)
	var list pack.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got error %v, want a pack.ErrorList", err)
	}
	tests := []struct {
		name string
		file string
		line int
		want string
	}{
		{"YAML syntax", "actions/syntax.yaml", 4, "invalid YAML"},
		{"unknown field", "actions/unknown_field.yaml", 3, `unknown field "runner"`},
		{"missing field", "actions/unknown_field.yaml", 2, `missing the required field "runner_type"`},
		{"wrong type", "actions/wrong_type.yaml", 4, "enabled must be true or false"},
		{"invalid JSON Schema", "actions/bad_schema.yaml", 5, "invalid JSON Schema"},
		{"default violates schema", "actions/bad_default.yaml", 7, `default "ten" does not match`},
		{"unknown runner", "actions/unknown_runner.yaml", 3, `unknown runner_type "local-shel-cmd"`},
		{"missing entry point", "actions/missing_entry.yaml", 4, "entry_point file"},
		{"runner attribute override", "actions/override.yaml", 7, `may not override the attribute "type"`},
		{"duplicate ref", "actions/greet_again.yaml", 2, "duplicate action defects.greet"},
		{"unresolved action", "rules/bad_action.yaml", 9, "action defects.nosuch does not exist"},
		{"unresolved trigger type", "rules/bad_trigger.yaml", 4, "trigger type core.st2.nosuch does not exist"},
		{"trigger parameters", "rules/bad_trigger_params.yaml", 4, "trigger parameters do not fit trigger type core.st2.IntervalTimer"},
		{"unknown action parameter", "rules/bad_params.yaml", 10, `action defects.greet has no parameter "whom"`},
		{"unknown operator", "rules/bad_operator.yaml", 9, `unknown operator "equal"`},
		{"sensor with neither entry point nor class", "sensors/bad_sensor.yaml", 2, "sensor needs an entry_point"},
		{"unknown policy type", "policies/bad_policy.yaml", 4, `unknown policy_type "action.throttle"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, tt.file)
			if !hasError(list, file, tt.line, tt.want) {
				t.Errorf("got no error at %s:%d containing %q; got:\n%v", file, tt.line, tt.want, list)
			}
		})
	}
	if len(list) != len(tests) {
		t.Errorf("got %d errors, want %d:\n%v", len(list), len(tests), list)
	}
}

func hasError(list pack.ErrorList, file string, line int, want string) bool {
	for _, e := range list {
		if e.Pos.File == file && e.Pos.Line == line && strings.Contains(e.Msg, want) {
			return true
		}
	}
	return false
}

func TestErrorListFormat(t *testing.T) {
	list := pack.ErrorList{
		{Pos: pack.Pos{File: "a.yaml", Line: 3, Col: 5}, Msg: "first"},
		{Pos: pack.Pos{File: "b.yaml", Line: 1}, Msg: "second"},
		{Pos: pack.Pos{File: "c"}, Msg: "third"},
	}
	want := "a.yaml:3:5: first\nb.yaml:1: second\nc: third"
	if got := list.Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLoadSortsErrorsByFileAndLine(t *testing.T) {
	_, err := pack.Load(filepath.Join("testdata", "defects"))
	var list pack.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got error %v, want a pack.ErrorList", err)
	}
	for i := 1; i < len(list); i++ {
		a, b := list[i-1].Pos, list[i].Pos
		if a.File > b.File || (a.File == b.File && a.Line > b.Line) {
			t.Errorf("got %v before %v, want errors sorted by file and line", a, b)
		}
	}
}
