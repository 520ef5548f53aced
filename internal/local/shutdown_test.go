package local

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// shutdownWithin shuts e down with grace and returns how long it took.
func shutdownWithin(t *testing.T, e *Engine, grace time.Duration) (time.Duration, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	start := time.Now()
	err := e.Shutdown(ctx)
	return time.Since(start), err
}

func TestShutdownLetsRunningTaskFinishThenCheckpoints(t *testing.T) {
	dir := t.TempDir()
	var again0 *Engine
	e := newEngine(t, dir)
	id, err := e.Submit(t.Context(), "t.two_naps", map[string]any{"first": 0.6, "second": 2.5})
	if err != nil {
		t.Fatal(err)
	}
	first := waitChild(t, e, id, "core.local", execution.StatusRunning)
	called := time.Now()
	took, err := shutdownWithin(t, e, 10*time.Second)
	if err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("shutdown called at %v", called.UTC())
			for _, n := range naps(t, again0) {
				t.Logf("nap %s %s %v..%v", n.ID, n.Status, n.StartTimestamp, n.EndTimestamp)
			}
		}
	}()
	if took > 2*time.Second {
		t.Errorf("Shutdown took %v, want it back once the first nap (0.6 s) ended, without the second (2.5 s)", took)
	}

	restarted := nowUTC()
	again := newEngine(t, dir)
	again0 = again
	defer again.Close()
	if y, _ := again.Store().GetExecution(t.Context(), first.ID); y.Status != execution.StatusSucceeded || !strings.Contains(string(y.Result), "first done") {
		t.Fatalf("the nap running at shutdown is %s %s, want succeeded: it had the grace to finish", y.Status, y.Result)
	}
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.two_naps"})
	if x.Status != execution.StatusSucceeded {
		t.Fatalf("workflow %s %s after the restart (tasks %v), want succeeded", x.Status, x.Result, refs(children(t, again, id)))
	}
	kids := children(t, again, id)
	if len(kids) != 2 || kids[0].ID != first.ID || !strings.Contains(string(kids[1].Result), "second done") || kids[1].StartTimestamp.Before(restarted) {
		t.Errorf("got tasks %v, want the first nap once (not run again) and the second started after the restart", refs(kids))
	}
}

func TestShutdownAbandonsWhatOutlivesTheGrace(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	id, err := e.Submit(t.Context(), "t.two_naps", map[string]any{"first": 30, "second": 0})
	if err != nil {
		t.Fatal(err)
	}
	first := waitChild(t, e, id, "core.local", execution.StatusRunning)
	took, err := shutdownWithin(t, e, 300*time.Millisecond)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown past the grace returned %v, want the deadline", err)
	}
	if took > 3*time.Second {
		t.Errorf("Shutdown took %v with a 300 ms grace", took)
	}
	again := newEngine(t, dir)
	defer again.Close()
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.two_naps"})
	y, _ := again.Store().GetExecution(t.Context(), first.ID)
	if y.Status != execution.StatusAbandoned || x.Status != execution.StatusFailed {
		t.Errorf("got nap %s and workflow %s, want the nap abandoned and the workflow failed by it", y.Status, x.Status)
	}
}

func TestShutdownLetsDirectActionFinish(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	id, err := e.Submit(t.Context(), "core.local", map[string]any{"cmd": "sleep 0.4; echo finished"})
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusRunning)
	if _, err := shutdownWithin(t, e, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Submit(t.Context(), "core.noop", nil); !errors.Is(err, ErrClosed) {
		t.Errorf("Submit after Shutdown: %v, want ErrClosed", err)
	}
	if err := e.Shutdown(t.Context()); err != nil {
		t.Errorf("second Shutdown: %v", err)
	}
	again := newEngine(t, dir)
	defer again.Close()
	if x, _ := again.Store().GetExecution(t.Context(), id); x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "finished") {
		t.Errorf("got %s %s, want the action finished within the grace", x.Status, x.Result)
	}
}

func TestShutdownStopsWorkflowWaitingForInquiryAtOnce(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	id, err := e.Submit(t.Context(), "t.approve", nil)
	if err != nil {
		t.Fatal(err)
	}
	waitInquiry(t, e)
	waitStatus(t, e, id, execution.StatusPaused)
	took, err := shutdownWithin(t, e, 10*time.Second)
	if err != nil || took > time.Second {
		t.Fatalf("Shutdown took %v (%v), want at once", took, err)
	}
	again := newEngine(t, dir)
	defer again.Close()
	if x, _ := again.Store().GetExecution(t.Context(), id); x.Status != execution.StatusPaused {
		t.Errorf("got %s after the restart, want paused", x.Status)
	}
}

// naps lists the core.local executions of workflows (the naps) recorded
// in e (rules of the test pack run core.local too, at the top level).
func naps(t *testing.T, e *Engine) []execution.Execution {
	t.Helper()
	page, err := e.Store().ListExecutions(context.WithoutCancel(t.Context()), execution.ExecutionQuery{Action: "core.local"})
	if err != nil {
		t.Fatal(err)
	}
	var out []execution.Execution
	for _, x := range page.Items {
		if x.Parent != "" {
			out = append(out, x)
		}
	}
	return out
}

func TestShutdownDrainsNestedWorkflowStartedByRule(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	webhook(t, e, "naps", map[string]any{"first": 0.5, "second": 2.5})
	var first execution.Execution
	for deadline := time.Now().Add(10 * time.Second); first.ID == ""; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first nap never ran")
		}
		for _, x := range naps(t, e) {
			if x.Status == execution.StatusRunning {
				first = x
			}
		}
	}
	took, err := shutdownWithin(t, e, 10*time.Second)
	if err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if took > 2*time.Second {
		t.Errorf("Shutdown took %v, want it back once the first nap (0.5 s) ended", took)
	}

	restarted := nowUTC()
	again := newEngine(t, dir)
	defer again.Close()
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.naps_parent"})
	if x.Status != execution.StatusSucceeded {
		t.Fatalf("parent %s %s after the restart, want succeeded", x.Status, x.Result)
	}
	got := naps(t, again)
	if len(got) != 2 {
		all, _ := again.Store().ListExecutions(t.Context(), execution.ExecutionQuery{})
		for _, x := range all.Items {
			t.Logf("%s %s %s parent=%s %s", x.ID, x.Action.Ref, x.Status, x.Parent, x.Result)
		}
		t.Fatalf("got naps %v, want two: the first not run again", refs(got))
	}
	for _, n := range got {
		if n.Status != execution.StatusSucceeded {
			t.Errorf("nap %s is %s, want succeeded", n.ID, n.Status)
		}
		if strings.Contains(string(n.Result), "second") && n.StartTimestamp.Before(restarted) {
			t.Errorf("the second nap started at %v, before the restart at %v: the workflow did not stop at its checkpoint", n.StartTimestamp, restarted)
		}
	}
	page, _ := again.Store().ListExecutions(t.Context(), execution.ExecutionQuery{Action: "t.naps_parent"})
	if len(page.Items) != 1 {
		t.Errorf("got %d parent executions, want the one the webhook started", len(page.Items))
	}
}

func TestShutdownBeforeStart(t *testing.T) {
	e, err := New(WithPacks(filepath.Join("testdata", "packs")), WithDataDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := shutdownWithin(t, e, 5*time.Second); err != nil {
		t.Fatalf("Shutdown of an engine never started: %v", err)
	}
	if err := e.Start(t.Context()); !errors.Is(err, ErrClosed) {
		t.Errorf("Start after Shutdown: %v, want ErrClosed", err)
	}
}
