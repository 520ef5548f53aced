package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A nested workflow action runs with its literal parameter defaults, as
// StackStorm resolves them, when the parent's task does not give them.
func TestWorkflowRunNestedDefaults(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nest")
	files := map[string]string{
		"pack.yaml":                     "ref: nest\nname: nest\ndescription: nested defaults\nversion: 0.0.1\nauthor: test\n",
		"actions/child.yaml":            "name: child\nrunner_type: orquesta\nentry_point: workflows/child.yaml\nparameters:\n  greeting: {type: string, default: hello}\n  who: {type: string, required: true}\n",
		"actions/workflows/child.yaml":  "version: 1.0\ninput: [greeting, who]\ntasks:\n  nothing:\n    action: core.noop\noutput:\n  - text: <% ctx(greeting) + ', ' + ctx(who) %>\n",
		"actions/parent.yaml":           "name: parent\nrunner_type: orquesta\nentry_point: workflows/parent.yaml\n",
		"actions/workflows/parent.yaml": "version: 1.0\ntasks:\n  call:\n    action: nest.child who=Ada\n    next:\n      - when: <% succeeded() %>\n        publish: text=<% result().output.text %>\noutput:\n  - text: <% ctx(text) %>\n",
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
	out, errOut, code := runCLI(t, "workflow", "run", "--packs", "../../packs/core", "--packs", dir, filepath.Join(dir, "actions", "workflows", "parent.yaml"))
	if code != 0 {
		t.Fatalf("got exit %d; stderr %s\n%s", code, errOut, out)
	}
	if !strings.Contains(out, `"text": "hello, Ada"`) {
		t.Errorf("got %s, want the child's default greeting in the output", out)
	}
}
