package local

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// closeQuickly closes e and fails when that takes longer than a second.
func closeQuickly(t *testing.T, e *Engine) {
	t.Helper()
	start := time.Now()
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v with a paused workflow, want it at once", d)
	}
}

func TestCloseParksWorkflowWaitingForInquiry(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	id, err := e.Submit(t.Context(), "t.approve", nil)
	if err != nil {
		t.Fatal(err)
	}
	q := waitInquiry(t, e)
	waitStatus(t, e, id, execution.StatusPaused)
	closeQuickly(t, e)
	again := newEngine(t, dir)
	defer again.Close()
	if x, _ := again.Store().GetExecution(t.Context(), id); x.Status != execution.StatusPaused {
		t.Fatalf("got %s after the restart, want paused", x.Status)
	}
	if _, err := again.Respond(t.Context(), q.ID, map[string]any{"name": "Ada"}, "ada"); err != nil {
		t.Fatalf("answering after the restart: %v", err)
	}
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.approve"})
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "Ada") {
		t.Fatalf("got %s %s, want succeeded with Ada", x.Status, x.Result)
	}
}

func TestCloseParksPausedWorkflow(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	id, err := e.Submit(t.Context(), "t.pausable", map[string]any{"nap": 0.1})
	if err != nil {
		t.Fatal(err)
	}
	waitChild(t, e, id, "core.local", execution.StatusRunning)
	if _, err := e.Pause(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusPaused)
	closeQuickly(t, e)
	again := newEngine(t, dir)
	defer again.Close()
	time.Sleep(100 * time.Millisecond) // still paused: it starts nothing
	if x, _ := again.Store().GetExecution(t.Context(), id); x.Status != execution.StatusPaused || len(x.Children) != 1 {
		t.Fatalf("got %s with %d tasks after the restart, want paused with the nap only", x.Status, len(x.Children))
	}
	if _, err := again.Resume(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.pausable"})
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "after the nap") {
		t.Fatalf("got %s %s, want succeeded", x.Status, x.Result)
	}
	if kids := children(t, again, id); len(kids) != 2 {
		t.Errorf("got tasks %v, want the nap once and the echo", refs(kids))
	}
}

func TestCloseParksNestedInquiryAndResumes(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	id, err := e.Submit(t.Context(), "t.approve_parent", nil)
	if err != nil {
		t.Fatal(err)
	}
	q := waitInquiry(t, e)
	inner := waitChild(t, e, id, "t.approve", execution.StatusPaused)
	waitStatus(t, e, id, execution.StatusPaused) // an inquiry pauses the workflows above it too
	closeQuickly(t, e)
	again := newEngine(t, dir)
	defer again.Close()
	if _, err := again.Respond(t.Context(), q.ID, map[string]any{"name": "Lu"}, "lu"); err != nil {
		t.Fatal(err)
	}
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.approve_parent"})
	in, _ := again.Store().GetExecution(t.Context(), inner.ID)
	if x.Status != execution.StatusSucceeded || in.Status != execution.StatusSucceeded || !strings.Contains(string(in.Result), "Lu") {
		t.Fatalf("got parent %s, nested %s %s, want both succeeded with Lu", x.Status, in.Status, in.Result)
	}
	if got := refs(children(t, again, id)); len(got) != 2 {
		t.Errorf("got parent tasks %v, want the nested workflow once and the echo", got)
	}
	if got := refs(children(t, again, inner.ID)); len(got) != 2 {
		t.Errorf("got nested tasks %v, want the inquiry once and the greeting", got)
	}
}

// TestCloseParkedLeavesNoGoroutines parks a paused workflow, a workflow
// waiting for an inquiry and a direct core.ask, and checks Close left
// nothing running.
func TestCloseParkedLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	e := newEngine(t, t.TempDir())
	wf, err := e.Submit(t.Context(), "t.pausable", map[string]any{"nap": 0.05})
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, wf, execution.StatusRunning)
	if _, err := e.Pause(t.Context(), wf, "ann"); err != nil {
		t.Fatal(err)
	}
	ask, err := e.Submit(t.Context(), "t.approve", nil)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := e.Submit(t.Context(), "core.ask", askParams)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, wf, execution.StatusPaused)
	waitStatus(t, e, ask, execution.StatusPaused)
	waitStatus(t, e, direct, execution.StatusPending)
	closeQuickly(t, e)
	var after int
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if after = runtime.NumGoroutine(); after <= before {
			return
		}
	}
	buf := make([]byte, 1<<20)
	t.Errorf("got %d goroutines after Close, want at most %d as before New:\n%s", after, before, buf[:runtime.Stack(buf, true)])
}

func TestPauseResumeRepeatedlyWhileItemsRun(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	cmds := make([]any, 12)
	for i := range cmds {
		cmds[i] = "sleep 0.02; echo " + strconv.Itoa(i)
	}
	id, err := e.Submit(t.Context(), "t.itemized", map[string]any{"cmds": cmds})
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if _, err := e.Pause(t.Context(), id, "ann"); err != nil && !errors.Is(err, execution.ErrConflict) {
			t.Fatal(err)
		}
		time.Sleep(15 * time.Millisecond)
		if _, err := e.Resume(t.Context(), id, "ann"); err != nil && !errors.Is(err, execution.ErrConflict) {
			t.Fatal(err)
		}
	}
	x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.itemized"})
	if x.Status != execution.StatusSucceeded || len(x.Children) != len(cmds) {
		t.Fatalf("got %s with %d tasks (%s), want succeeded with every item once", x.Status, len(x.Children), statuses(x))
	}
	if !strings.Contains(string(x.Result), `11]`) {
		t.Errorf("got %s, want every item's output", x.Result)
	}
}
