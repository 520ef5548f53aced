package local

import (
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestWorkflowRuns(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	cases := []struct {
		name     string
		ref      string
		params   map[string]any
		status   execution.Status
		children int
		want     string
	}{
		{name: "orquesta", ref: "t.wf", params: map[string]any{"who": "Ann"}, status: execution.StatusSucceeded, children: 2, want: "hello Ann"},
		{name: "orquesta failing task", ref: "t.wf_fail", status: execution.StatusFailed, children: 1, want: "boom"},
		{name: "action-chain", ref: "examples.hello_chain", params: map[string]any{"name": "Bo"}, status: execution.StatusSucceeded, children: 2, want: "Hello, Bo"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, err := e.Run(t.Context(), c.ref, c.params)
			if err != nil {
				t.Fatal(err)
			}
			if x.Status != c.status || !strings.Contains(string(x.Result), c.want) {
				t.Fatalf("got %s %s, want %s mentioning %q", x.Status, x.Result, c.status, c.want)
			}
			if len(x.Children) != c.children {
				t.Errorf("got %d children, want %d", len(x.Children), c.children)
			}
			tr, err := e.Store().GetTrace(t.Context(), x.Context.TraceContext.ID)
			if err != nil || len(tr.ActionExecutions) != 1+c.children {
				t.Errorf("got trace %+v (%v), want the workflow and its %d tasks", tr.ActionExecutions, err, c.children)
			}
			for _, id := range x.Children {
				child, err := e.Store().GetExecution(t.Context(), id)
				if err != nil || child.Parent != x.ID || child.Context.Parent == nil || child.Context.Parent.ExecutionID != x.ID {
					t.Errorf("got child %+v (%v), want it linked to %s", child.Context.Parent, err, x.ID)
				}
			}
		})
	}
}
