package local

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// waitStatus waits until execution id has status want.
func waitStatus(t *testing.T, e *Engine, id string, want execution.Status) execution.Execution {
	t.Helper()
	ctx := context.WithoutCancel(t.Context())
	deadline := time.Now().Add(10 * time.Second)
	for {
		x, err := e.Store().GetExecution(ctx, id)
		if err == nil && x.Status == want {
			return x
		}
		if time.Now().After(deadline) {
			t.Fatalf("execution %s: got status %s (err %v), want %s", id, x.Status, err, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// processWith reports whether a process's command line contains arg.
func processWith(arg string) bool {
	paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), arg) {
			return true
		}
	}
	return false
}

func TestCancelRunningAction(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	const arg = "31.7371"
	id, err := e.Submit(t.Context(), "core.local", map[string]any{"cmd": "sleep " + arg})
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusRunning)
	for i := 0; i < 100 && !processWith(arg); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	start := time.Now()
	x, err := e.Cancel(t.Context(), id, "alice")
	if err != nil {
		t.Fatalf("canceling: %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("got cancel in %v, want under 1s", took)
	}
	if x.Status != execution.StatusCanceled {
		t.Errorf("got status %s, want canceled", x.Status)
	}
	if got := statuses(x); !strings.HasSuffix(got, "canceling,canceled") {
		t.Errorf("got log %v, want canceling then canceled", got)
	}
	if processWith(arg) {
		t.Errorf("got sleep %s still running, want it killed", arg)
	}
}

func TestCancelWorkflowCancelsRunningTask(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.wf_sleep", nil)
	if err != nil {
		t.Fatal(err)
	}
	x := waitStatus(t, e, id, execution.StatusRunning)
	for i := 0; i < 500 && len(x.Children) == 0; i++ {
		time.Sleep(10 * time.Millisecond)
		x, _ = e.Store().GetExecution(context.WithoutCancel(t.Context()), id)
	}
	if len(x.Children) != 1 {
		t.Fatalf("got children %v, want 1", x.Children)
	}
	child := waitStatus(t, e, x.Children[0], execution.StatusRunning)
	x, err = e.Cancel(t.Context(), id, "alice")
	if err != nil {
		t.Fatalf("canceling: %v", err)
	}
	if x.Status != execution.StatusCanceled {
		t.Errorf("got workflow status %s, want canceled", x.Status)
	}
	child = waitStatus(t, e, child.ID, execution.StatusCanceled)
	if got := statuses(child); !strings.HasSuffix(got, "running,canceling,canceled") {
		t.Errorf("got task log %v, want running, canceling, canceled", got)
	}
}

func TestCancelFinishedOrUnknown(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	x, err := e.Run(t.Context(), "core.noop", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		id   string
		want error
	}{
		{name: "finished", id: x.ID, want: execution.ErrConflict},
		{name: "unknown", id: execution.NewID(), want: execution.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := e.Cancel(t.Context(), tc.id, "alice"); !errors.Is(err, tc.want) {
				t.Errorf("got error %v, want %v", err, tc.want)
			}
		})
	}
}
