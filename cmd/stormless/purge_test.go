package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// seedAudit records a succeeded execution that ended at end, and a
// trigger instance occurring then, in dir's audit trail.
func seedAudit(t *testing.T, s *sqlitestore.Store, id string, end time.Time) {
	t.Helper()
	ctx := t.Context()
	x := execution.Execution{ID: id, Action: execution.Action{Ref: "core.noop", Name: "noop", Pack: "core", RunnerType: "noop"},
		Runner: execution.Runner{Name: "noop"}, Status: execution.StatusRequested, StartTimestamp: end.Add(-time.Second)}
	if err := s.CreateExecution(ctx, x); err != nil {
		t.Fatal(err)
	}
	for _, c := range []execution.Change{{From: "requested", To: "scheduled"}, {From: "scheduled", To: "running"}, {From: "running", To: "succeeded"}} {
		c.At = end
		if _, err := s.TransitionExecution(ctx, id, c); err != nil {
			t.Fatal(err)
		}
	}
	ti := execution.TriggerInstance{ID: "ti-" + id, Trigger: "core.st2.webhook", Payload: []byte(`{}`), OccurrenceTime: end, Status: execution.TriggerProcessed}
	if err := s.CreateTriggerInstance(ctx, ti); err != nil {
		t.Fatal(err)
	}
}

func TestPurgeCommandDeletesOldRecords(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlitestore.Open(t.Context(), filepath.Join(dir, "stormless.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	seedAudit(t, s, "old", now.Add(-40*day))
	seedAudit(t, s, "recent", now.Add(-10*day))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "purge", "--older-than", "30", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "1 executions") || !strings.Contains(out, "1 trigger instances") {
		t.Errorf("got %q, want one execution and one trigger instance purged", out)
	}
	s, err = sqlitestore.Open(t.Context(), filepath.Join(dir, "stormless.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.GetExecution(t.Context(), "old"); !errors.Is(err, execution.ErrNotFound) {
		t.Errorf("got %v reading the 40-day-old execution, want not found", err)
	}
	if _, err := s.GetExecution(t.Context(), "recent"); err != nil {
		t.Errorf("the 10-day-old execution went: %v", err)
	}
	if _, err := s.GetTriggerInstance(t.Context(), "ti-recent"); err != nil {
		t.Errorf("the 10-day-old trigger instance went: %v", err)
	}
}

func TestPurgeCommandBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"purge", "--data-dir", dir}, "--older-than DAYS is required"},
		{[]string{"purge", "--older-than", "-3", "--data-dir", dir}, "--older-than -3"},
		{[]string{"purge", "--older-than", "3", "--data-dir", filepath.Join(dir, "nope")}, "no audit trail"},
		{[]string{"up", "--retention", "-1"}, "--retention -1"},
	} {
		_, errOut, code := runCLI(t, tt.args...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d %q, want an error saying %q", tt.args, code, errOut, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "nope")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("purge of a missing data directory created it (%v)", err)
	}
}
