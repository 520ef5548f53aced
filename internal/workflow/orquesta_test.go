package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/conformance"
)

// exampleWorkflows returns the Orquesta workflows of StackStorm's examples
// pack.
func exampleWorkflows(t *testing.T) []string {
	t.Helper()
	dir := conformance.MustPath(t, "st2", "contrib", "examples", "actions", "workflows")
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("listing %s: got %d files, err %v", dir, len(files), err)
	}
	return files
}

func TestParseOrquestaExamples(t *testing.T) {
	for _, f := range exampleWorkflows(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			wf, err := ParseOrquesta(f, data)
			if err != nil {
				t.Fatalf("got error:\n%v", err)
			}
			if len(wf.Tasks) == 0 {
				t.Errorf("got no tasks")
			}
		})
	}
}

func TestParseOrquestaModel(t *testing.T) {
	src := `version: 1.0
description: d
input:
  - a
  - b: 2
vars:
  - v: <% ctx(a) %>
tasks:
  t1:
    action: core.local cmd="echo hi" timeout=30 x=<% ctx(b) %>
    next:
      - when: <% succeeded() %>
        publish: out=<% result().stdout %> n=3
        do: t2, t3
      - when: <% failed() %>
        do:
          - fail
  t2:
    join: 2
    action: core.noop
  t3:
    with:
      items: x, y in <% zip(ctx(a), ctx(b)) %>
      concurrency: 2
    action: core.echo message=<% item(x) %>
    retry:
      when: <% failed() %>
      count: 3
      delay: 1
    delay: 5
    next:
      - do: t2
output:
  - out: <% ctx(out) %>
`
	wf, err := ParseOrquesta("wf.yaml", []byte(src))
	if err != nil {
		t.Fatalf("got error %v", err)
	}
	t1 := wf.Task("t1")
	checks := []struct {
		name      string
		got, want any
	}{
		{"version", wf.Version, "1.0"},
		{"inputs", len(wf.Input), 2},
		{"input default", wf.Input[1].Value.Interface(), int64(2)},
		{"action", t1.Action, "core.local"},
		{"inline cmd", t1.Input.Interface().(map[string]any)["cmd"], "echo hi"},
		{"inline timeout", t1.Input.Interface().(map[string]any)["timeout"], int64(30)},
		{"inline expr", t1.Input.Interface().(map[string]any)["x"], "<% ctx(b) %>"},
		{"publish count", len(t1.Next[0].Publish), 2},
		{"publish value", t1.Next[0].Publish[0].Value.Interface(), "<% result().stdout %>"},
		{"do list", len(t1.Next[0].Do), 2},
		{"do command", t1.Next[1].Do[0].Name, "fail"},
		{"join", wf.Task("t2").Join.Count, 2},
		{"item names", strings.Join(wf.Task("t3").With.ItemNames, ","), "x,y"},
		{"items", wf.Task("t3").With.Items.Interface(), "<% zip(ctx(a), ctx(b)) %>"},
		{"retry count", wf.Task("t3").Retry.Count.Interface(), int64(3)},
		{"task pos", t1.Pos.Line, 9},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestParseOrquestaErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // substrings of the errors, in order
	}{
		{"unknown do", "version: 1.0\ntasks:\n  a:\n    action: core.noop\n    next:\n      - do: b\n",
			[]string{`wf.yaml:6:13: task a transitions to unknown task "b"`}},
		{"unreachable cycle", "version: 1.0\ntasks:\n  a:\n    action: core.noop\n  b:\n    next:\n      - do: c\n  c:\n    next:\n      - do: b\n",
			[]string{"wf.yaml:5:3: task b is unreachable", "wf.yaml:8:3: task c is unreachable"}},
		{"undefined var", "version: 1.0\ninput: [x]\ntasks:\n  a:\n    action: core.echo message=<% ctx(y) %>\n",
			[]string{`undefined variable "y"`}},
		{"syntax error", "version: 1.0\ntasks:\n  a:\n    action: core.noop\n    next:\n      - when: <% succeeded( %>\n",
			[]string{"wf.yaml:6:28: parsing expression"}},
		{"all at once", "version: 1.0\ntasks:\n  a:\n    action: core.echo message=<% ctx().m %>\n    next:\n      - when: <% 1 + %>\n        do: nope\n",
			[]string{`undefined variable "m"`, "parsing expression", `unknown task "nope"`}},
		{"unknown attribute", "version: 1.0\ntasks:\n  a:\n    actoin: core.noop\n",
			[]string{`wf.yaml:4:5: unknown attribute "actoin" of task a`}},
		{"bad join", "version: 1.0\ntasks:\n  a:\n    join: some\n",
			[]string{`join must be "all" or a positive count`}},
		{"missing version", "tasks:\n  a:\n    action: core.noop\n", []string{"missing version"}},
		{"bad yaml", "version: 1.0\ntasks: [\n", []string{"wf.yaml:2: parsing YAML"}},
		{"result outside next", "version: 1.0\ntasks:\n  a:\n    action: core.echo message=<% result() %>\n",
			[]string{"result() is only available"}},
		{"unknown task function", "version: 1.0\ntasks:\n  a:\n    action: core.noop\noutput:\n  - x: <% task(b).result %>\n",
			[]string{`unknown task "b"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseOrquesta("wf.yaml", []byte(tt.src))
			list := AsList(err)
			if len(list) < len(tt.want) {
				t.Fatalf("got %d errors (%v), want %d", len(list), err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(list[i].Error(), w) {
					t.Errorf("error %d: got %q, want it to contain %q", i, list[i].Error(), w)
				}
			}
		})
	}
}
