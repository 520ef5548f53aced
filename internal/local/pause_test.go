package local

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// children reads the task executions of workflow execution id.
func children(t *testing.T, e *Engine, id string) []execution.Execution {
	t.Helper()
	x, err := e.Store().GetExecution(context.WithoutCancel(t.Context()), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []execution.Execution
	for _, c := range x.Children {
		y, err := e.Store().GetExecution(context.WithoutCancel(t.Context()), c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, y)
	}
	return out
}

// waitChild waits until workflow id has a task of action ref with status
// want, and returns it.
func waitChild(t *testing.T, e *Engine, id, ref string, want execution.Status) execution.Execution {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		for _, c := range children(t, e, id) {
			if c.Action.Ref == ref && c.Status == want {
				return c
			}
		}
	}
	t.Fatalf("workflow %s has no %s task %s after 10s", id, ref, want)
	return execution.Execution{}
}

func TestPauseLetsRunningTaskFinishAndResumeGoesOn(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.pausable", map[string]any{"nap": 0.3})
	if err != nil {
		t.Fatal(err)
	}
	waitChild(t, e, id, "core.local", execution.StatusRunning)
	x, err := e.Pause(t.Context(), id, "ann")
	if err != nil {
		t.Fatalf("pausing: %v", err)
	}
	if x.Status != execution.StatusPausing {
		t.Errorf("got %s right after Pause while a task runs, want pausing", x.Status)
	}
	waitStatus(t, e, id, execution.StatusPaused)
	time.Sleep(200 * time.Millisecond) // a paused workflow starts nothing
	kids := children(t, e, id)
	if len(kids) != 1 || kids[0].Status != execution.StatusSucceeded {
		t.Fatalf("got tasks %v while paused, want only the nap, succeeded", refs(kids))
	}
	if again, err := e.Pause(t.Context(), id, "ann"); err != nil || again.Status != execution.StatusPaused {
		t.Errorf("got %s (%v) pausing a paused workflow, want paused and no error", again.Status, err)
	}
	if _, err := e.Resume(t.Context(), id, "bob"); err != nil {
		t.Fatalf("resuming: %v", err)
	}
	x = waitFinal(t, e, execution.ExecutionQuery{Action: "t.pausable"})
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "after the nap") {
		t.Fatalf("got %s %s, want succeeded with the second task's output", x.Status, x.Result)
	}
	if got, want := statuses(x), "requested,scheduled,running,pausing,paused,resuming,running,succeeded"; got != want {
		t.Errorf("got log %s, want %s", got, want)
	}
	if _, err := e.Resume(t.Context(), id, "bob"); !errors.Is(err, execution.ErrConflict) {
		t.Errorf("got %v resuming a finished workflow, want ErrConflict", err)
	}
}

func refs(xs []execution.Execution) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.Action.Ref+":"+string(x.Status))
	}
	return out
}

func TestPauseRefusesActionsAndUnknownIDs(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "core.local", map[string]any{"cmd": "sleep 5"})
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusRunning)
	if _, err := e.Pause(t.Context(), id, "ann"); !errors.Is(err, execution.ErrConflict) || !strings.Contains(err.Error(), "only workflows pause") {
		t.Errorf("got %v pausing a shell action, want ErrConflict saying only workflows pause", err)
	}
	if _, err := e.Resume(t.Context(), id, "ann"); !errors.Is(err, execution.ErrConflict) {
		t.Errorf("got %v resuming a shell action, want ErrConflict", err)
	}
	if _, err := e.Pause(t.Context(), "nope", "ann"); !errors.Is(err, execution.ErrNotFound) {
		t.Errorf("got %v pausing an unknown id, want ErrNotFound", err)
	}
	if _, err := e.Cancel(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
}

func TestPauseCascadesToNestedWorkflow(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.pausable_parent", nil)
	if err != nil {
		t.Fatal(err)
	}
	inner := waitChild(t, e, id, "t.pausable", execution.StatusRunning)
	waitChild(t, e, inner.ID, "core.local", execution.StatusRunning)
	if _, err := e.Pause(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, inner.ID, execution.StatusPaused)
	waitStatus(t, e, id, execution.StatusPaused)
	if kids := children(t, e, inner.ID); len(kids) != 1 {
		t.Fatalf("got nested tasks %v while paused, want only the nap", refs(kids))
	}
	if _, err := e.Resume(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
	x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.pausable_parent"})
	in, _ := e.Store().GetExecution(t.Context(), inner.ID)
	if x.Status != execution.StatusSucceeded || in.Status != execution.StatusSucceeded {
		t.Fatalf("got parent %s, nested %s, want both succeeded", x.Status, in.Status)
	}
	if !strings.Contains(statuses(in), "paused,resuming,running") {
		t.Errorf("got nested log %s, want it paused and resumed", statuses(in))
	}
}

func TestCancelPausedWorkflow(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.pausable", map[string]any{"nap": 0.1})
	if err != nil {
		t.Fatal(err)
	}
	waitChild(t, e, id, "core.local", execution.StatusRunning)
	if _, err := e.Pause(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusPaused)
	x, err := e.Cancel(t.Context(), id, "ann")
	if err != nil || x.Status != execution.StatusCanceled {
		t.Fatalf("got %s (%v) canceling a paused workflow, want canceled", x.Status, err)
	}
	if kids := children(t, e, id); len(kids) != 1 {
		t.Errorf("got tasks %v after canceling a paused workflow, want only the nap", refs(kids))
	}
}

func TestPauseHoldsWorkflowPastInquiryResponse(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.approve", nil)
	if err != nil {
		t.Fatal(err)
	}
	q := waitInquiry(t, e)
	waitStatus(t, e, id, execution.StatusPaused)
	if x, err := e.Pause(t.Context(), id, "ann"); err != nil || x.Status != execution.StatusPaused {
		t.Fatalf("got %s (%v) pausing a workflow an inquiry paused, want paused", x.Status, err)
	}
	if _, err := e.Respond(t.Context(), q.ID, map[string]any{"name": "Ann"}, "ann"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if x, _ := e.Store().GetExecution(t.Context(), id); x.Status != execution.StatusPaused || len(x.Children) != 1 {
		t.Fatalf("got %s with %d tasks after the response, want still paused by Pause with only the inquiry", x.Status, len(x.Children))
	}
	if _, err := e.Resume(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
	if x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.approve"}); x.Status != execution.StatusSucceeded {
		t.Fatalf("got %s %s, want succeeded", x.Status, x.Result)
	}
}

func TestPauseRightAfterSubmit(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.pausable", map[string]any{"nap": 0.05})
	if err != nil {
		t.Fatal(err)
	}
	x := waitStatus(t, e, id, execution.StatusRunning)
	if _, err := e.Pause(t.Context(), id, "ann"); err != nil {
		t.Fatalf("pausing %s: %v", statuses(x), err)
	}
	waitStatus(t, e, id, execution.StatusPaused)
	time.Sleep(100 * time.Millisecond)
	if kids := children(t, e, id); len(kids) > 1 {
		t.Fatalf("got tasks %v while paused, want at most the nap", refs(kids))
	}
	if _, err := e.Resume(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
	if x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.pausable"}); x.Status != execution.StatusSucceeded {
		t.Fatalf("got %s %s, want succeeded", x.Status, x.Result)
	}
}
