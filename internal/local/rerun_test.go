package local

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestReRunFromFailedTask(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	path := filepath.Join(t.TempDir(), "ready")
	x, err := e.Run(t.Context(), "t.rerunnable", map[string]any{"path": path})
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != execution.StatusFailed {
		t.Fatalf("got %s before the file exists, want failed", x.Status)
	}
	if _, err := e.ReRun(t.Context(), x.ID, []string{"nope"}, "ann"); !errors.Is(err, execution.ErrInvalid) || !strings.Contains(err.Error(), "nope") {
		t.Errorf("got %v re-running from a task never run, want ErrInvalid naming it", err)
	}
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	id, err := e.ReRun(t.Context(), x.ID, []string{"check"}, "ann")
	if err != nil {
		t.Fatalf("re-running: %v", err)
	}
	y := waitStatus(t, e, id, execution.StatusSucceeded)
	if !strings.Contains(string(y.Result), `"greeting":"hi"`) {
		t.Errorf("got result %s, want the greeting the first run published", y.Result)
	}
	if got := refs(children(t, e, id)); len(got) != 1 || got[0] != "core.local:succeeded" {
		t.Errorf("got tasks %v, want only check run again", got)
	}
	if !strings.Contains(string(y.Context.Extra["re-run"]), x.ID) || y.Context.User != "ann" {
		t.Errorf("got context re-run %s user %s, want the original named and ann", y.Context.Extra["re-run"], y.Context.User)
	}
	if _, err := e.ReRun(t.Context(), "nope", []string{"check"}, "ann"); !errors.Is(err, execution.ErrNotFound) {
		t.Errorf("got %v re-running an unknown id, want ErrNotFound", err)
	}
}

func TestReRunRefusesActionsAndRunningWorkflows(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	x, err := e.Run(t.Context(), "core.noop", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.ReRun(t.Context(), x.ID, []string{"a"}, "ann"); !errors.Is(err, execution.ErrConflict) {
		t.Errorf("got %v re-running an action from tasks, want ErrConflict", err)
	}
	id, err := e.Submit(t.Context(), "t.pausable", map[string]any{"nap": 0.2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.ReRun(t.Context(), id, []string{"slow"}, "ann"); !errors.Is(err, execution.ErrConflict) {
		t.Errorf("got %v re-running a running workflow, want ErrConflict", err)
	}
}
