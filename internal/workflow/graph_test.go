package workflow

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMermaidGolden(t *testing.T) {
	files := append(exampleWorkflows(t), filepath.Join("testdata", "compile", "sequential.yaml"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			wf, err := ParseOrquesta(filepath.Base(f), data)
			if err != nil {
				t.Fatal(err)
			}
			got := wf.Mermaid()
			if !strings.HasPrefix(got, "flowchart TD\n") {
				t.Errorf("got %q, want a flowchart", got)
			}
			golden(t, filepath.Join("testdata", "graph", strings.TrimSuffix(filepath.Base(f), ".yaml")+".mmd"), []byte(got))
		})
	}
}

func TestChainMermaid(t *testing.T) {
	c, err := ParseChain("c.yaml", []byte("chain:\n  - name: a\n    ref: core.noop\n    on-success: b\n    on-failure: c\n  - name: b\n    ref: core.noop\n  - name: c\n    ref: core.noop\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "flowchart TD\n  start((start)) --> t_a\n  t_a[\"a<br/>core.noop\"]\n  t_a -->|success| t_b\n  t_a -->|failure| t_c\n  t_b[\"b<br/>core.noop\"]\n  t_c[\"c<br/>core.noop\"]\n"
	if got := c.Mermaid(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
