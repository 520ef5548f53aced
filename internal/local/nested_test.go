package local

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestNestedWorkflowRecorded(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	x, err := e.Run(t.Context(), "t.nested", nil)
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != execution.StatusSucceeded || len(x.Children) != 1 {
		t.Fatalf("got %s with children %v, want succeeded with the nested workflow", x.Status, x.Children)
	}
	inner, err := e.Store().GetExecution(t.Context(), x.Children[0])
	if err != nil {
		t.Fatal(err)
	}
	if inner.Action.Ref != "t.wf" || inner.Parent != x.ID || inner.Status != execution.StatusSucceeded || len(inner.Children) != 2 {
		t.Errorf("got nested %s parent %s %s children %v, want t.wf, child of %s, succeeded, with its 2 tasks",
			inner.Action.Ref, inner.Parent, inner.Status, inner.Children, x.ID)
	}
	if inner.Context.Parent == nil || inner.Context.Parent.RootID != x.ID {
		t.Errorf("got parent context %+v, want root %s", inner.Context.Parent, x.ID)
	}
	for _, id := range inner.Children {
		c, err := e.Store().GetExecution(t.Context(), id)
		if err != nil || c.Context.Parent == nil || c.Context.Parent.RootID != x.ID {
			t.Errorf("got task %s parent context %+v (%v), want root %s", id, c.Context.Parent, err, x.ID)
		}
	}
}
