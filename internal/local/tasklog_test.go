package local

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/execution"
)

func TestTaskLogReadsBackSealed(t *testing.T) {
	dir := t.TempDir()
	e := &Engine{cfg: config{dataDir: dir}}
	l, err := e.openTaskLog("w1")
	if err != nil {
		t.Fatal(err)
	}
	if err := l.write(logLine{CP: &interp.Checkpoint{State: "s1", Input: map[string]any{"token": "s3cr3t-value"}}}); err != nil {
		t.Fatal(err)
	}
	n, _ := l.start(taskCall{task: "a", action: "core.echo"})
	_ = l.end(n, "x1", "succeeded")
	l.close()
	if err := l.write(logLine{Start: 9}); err == nil {
		t.Error("got no error writing a closed log")
	}
	raw, err := os.ReadFile(taskLogPath(dir, "w1"))
	if err != nil || strings.Contains(string(raw), "s3cr3t") || strings.Contains(string(raw), "core.echo") {
		t.Errorf("got log %q (%v), want every line sealed", raw, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, logKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("got key file %v (%v), want mode 0600", fi, err)
	}
	run, err := (&Engine{cfg: config{dataDir: dir}}).readTaskLog("w1")
	if err != nil {
		t.Fatal(err)
	}
	seg := run.last()
	if seg == nil || seg.cp.State != "s1" || len(seg.tasks) != 1 || !run.ids["x1"] {
		t.Fatalf("got %+v, want the checkpoint at s1 and task a ended as x1", seg)
	}
	if missing, err := e.readTaskLog("nope"); missing != nil || err != nil {
		t.Errorf("got %v, %v reading a missing log, want nil, nil", missing, err)
	}
	if err := os.WriteFile(filepath.Join(dir, logKeyFile), []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := (&Engine{cfg: config{dataDir: dir}}).readTaskLog("w1"); err == nil || !strings.Contains(err.Error(), "want 32") {
		t.Errorf("got %v with a damaged key, want an error saying what is wrong", err)
	}
}

func TestParseTaskLogSkipsTornLines(t *testing.T) {
	log := `{"cp":{"machine":"m","name":"w","state":"s1","startTime":"2026-01-01T00:00:00Z","transitions":1}}
{"start":1,"task":"a","action":"core.echo"}
{"end":1,"id":"x1","status":"succeeded"}
{"start":2,"task":"b","action":"core.local"}
{"end":2,"id":"x2","sta`
	run, err := parseTaskLog(strings.NewReader(log), nil)
	if err != nil {
		t.Fatal(err)
	}
	seg := run.last()
	if seg == nil || seg.cp.State != "s1" || len(seg.tasks) != 2 {
		t.Fatalf("got %+v, want one checkpoint at s1 with two tasks", seg)
	}
	if a, b := seg.tasks[0], seg.tasks[1]; !a.ended || a.id != "x1" || b.ended {
		t.Errorf("got a %+v, b %+v, want a ended as x1 and b (torn end) not ended", a, b)
	}
}

func FuzzParseTaskLog(f *testing.F) {
	f.Add(`{"cp":{"state":"s"}}` + "\n" + `{"start":1,"task":"a","action":"x"}` + "\n" + `{"end":1,"id":"i","status":"succeeded"}`)
	f.Add(`{"pause":true}` + "\n" + `{"end":3}` + "\n" + `{"start":-1}`)
	f.Add("\x00{]")
	f.Fuzz(func(t *testing.T, s string) {
		run, err := parseTaskLog(strings.NewReader(s), nil)
		if err != nil {
			return
		}
		for _, seg := range run.segments {
			if seg.cp == nil {
				t.Fatal("got a segment without a checkpoint")
			}
			for _, task := range seg.tasks {
				if task.ended && task.id != "" && !run.ids[task.id] {
					t.Fatalf("task %+v ended as %s, which ids lacks", task, task.id)
				}
			}
		}
	})
}

func TestStartPrunesLogsOfPurgedWorkflows(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	x, err := e.Run(t.Context(), "t.wf", map[string]any{"who": "Ann"})
	if err != nil || x.Status != execution.StatusSucceeded {
		t.Fatalf("got %s (%v), want succeeded", x.Status, err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	purged := taskLogPath(dir, "000000000000000000000000")
	if err := os.WriteFile(purged, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	again := newEngine(t, dir)
	defer again.Close()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(purged); errors.Is(err, os.ErrNotExist) {
			break
		}
	}
	if _, err := os.Stat(purged); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v for the log of an execution the store lacks, want it removed", err)
	}
	if _, err := os.Stat(taskLogPath(dir, x.ID)); err != nil {
		t.Errorf("got %v for the log of a recorded workflow, want it kept (re-run reads it)", err)
	}
}
