package workflow

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stormless/stormless/internal/pack"
)

// writeNestedPack writes pack "nest": a child workflow action with
// defaults of every kind and a parent workflow running it.
func writeNestedPack(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "nest")
	files := map[string]string{
		"pack.yaml": "ref: nest\nname: nest\ndescription: nested defaults\nversion: 0.0.1\nauthor: test\n",
		"actions/child.yaml": `name: child
runner_type: orquesta
entry_point: workflows/child.yaml
parameters:
  greeting: {type: string, default: hello}
  count: {type: integer, default: 2}
  given: {type: string, default: unused}
  token: {type: string, default: hunter2, secret: true}
  rendered: {type: string, default: "{{ st2kv.system.k }}"}
`,
		"actions/workflows/child.yaml":  "version: 1.0\ninput: [greeting, count, given, token, rendered]\noutput:\n  - text: <% ctx(greeting) %>\n",
		"actions/parent.yaml":           "name: parent\nrunner_type: orquesta\nentry_point: workflows/parent.yaml\n",
		"actions/workflows/parent.yaml": "version: 1.0\ntasks:\n  call:\n    action: nest.child given=mine\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPackOptionsFillNestedDefaults(t *testing.T) {
	dir := writeNestedPack(t)
	set, err := pack.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts := PackOptions(set, "runner", func(ref string) string { return "arn:" + ref })
	if arn, ok := opts.Workflow("nest.child"); !ok || arn != "arn:nest.child" {
		t.Errorf("got %q %v for the child workflow", arn, ok)
	}
	if _, ok := opts.Workflow("core.noop"); ok {
		t.Error("a non-workflow action is not started as a state machine")
	}
	data, err := os.ReadFile(filepath.Join(dir, "actions", "workflows", "parent.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	def, err := Parse("parent.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Compile(def.Orquesta, opts)
	if err != nil {
		t.Fatal(err)
	}
	var asl struct {
		States map[string]struct {
			Arguments struct {
				Input map[string]any
			}
		}
	}
	if err := json.Unmarshal(out, &asl); err != nil {
		t.Fatal(err)
	}
	in := asl.States["call"].Arguments.Input
	delete(in, "st2")
	// notify is the orquesta runner's own parameter (default []).
	want := map[string]any{"given": "mine", "greeting": "hello", "count": 2.0, "notify": []any{}}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("got nested input %v, want %v (given wins, no secret, no template)", in, want)
	}
}
