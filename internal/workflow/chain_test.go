package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/conformance"
)

func TestParseChainExamples(t *testing.T) {
	dir := conformance.MustPath(t, "st2", "contrib", "examples", "actions", "chains")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) == 0 {
		t.Fatalf("got no chains in %s", dir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			def, err := Parse(f, data)
			if err != nil {
				t.Fatalf("got error:\n%v", err)
			}
			if def.Chain == nil || len(def.Chain.Nodes) == 0 {
				t.Fatalf("got %+v, want a chain with nodes", def)
			}
		})
	}
}

func TestParseDispatch(t *testing.T) {
	for _, f := range exampleWorkflows(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		def, err := Parse(f, data)
		if err != nil || def.Orquesta == nil {
			t.Errorf("%s: got %+v, %v; want an Orquesta workflow", filepath.Base(f), def, err)
		}
	}
}

func TestParseChainModel(t *testing.T) {
	src := `vars:
  port: 9101
chain:
  - name: c1
    ref: core.local
    params:
      cmd: "echo {{ port }}"
    on-success: c2
    on-failure: c3
    publish:
      out: "{{ c1.stdout }}"
  - name: c2
    ref: core.noop
  - name: c3
    ref: core.noop
default: c1
`
	c, err := ParseChain("c.yaml", []byte(src))
	if err != nil {
		t.Fatalf("got error %v", err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"nodes", len(c.Nodes), 3},
		{"default", c.Start().Name, "c1"},
		{"on-success", c.Nodes[0].OnSuccess.Name, "c2"},
		{"on-failure", c.Nodes[0].OnFailure.Name, "c3"},
		{"publish", c.Nodes[0].Publish[0].Name, "out"},
		{"vars", c.Vars[0].Value.Interface(), int64(9101)},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: got %v, want %v", ch.name, ch.got, ch.want)
		}
	}
}

func TestParseChainErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"unknown target", "chain:\n  - name: a\n    ref: core.noop\n    on-success: b\n", []string{`c.yaml:4:17: chain node a goes to unknown node "b"`}},
		{"unreachable", "chain:\n  - name: a\n    ref: core.noop\n  - name: b\n    ref: core.noop\n", []string{"c.yaml:4:5: chain node b is unreachable"}},
		{"bad default", "chain:\n  - name: a\n    ref: core.noop\ndefault: z\n", []string{`default names unknown node "z"`}},
		{"missing ref and dup", "chain:\n  - name: a\n    on-success: a\n  - name: a\n    ref: x.y\n", []string{"no ref", `duplicate chain node "a"`}},
		{"bad expression", "chain:\n  - name: a\n    ref: core.noop\n    params:\n      x: \"{{ 1 + }}\"\n", []string{"c.yaml:5:10: parsing expression"}},
		{"jinja statement", "chain:\n  - name: a\n    ref: core.noop\n    params:\n      x: \"{% for v in y %}{{ v }}{% endfor %}\"\n",
			[]string{"c.yaml:5:10: Jinja statement {% for %} is not supported", "c.yaml:5:10: Jinja statement {% endfor %}"}},
		{"invalid native JSONata", "chain:\n  - name: a\n    ref: core.noop\n    params:\n      x: \"{% $uppercase( %}\"\n", []string{"c.yaml:5:10: invalid JSONata expression"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseChain("c.yaml", []byte(tt.src))
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
