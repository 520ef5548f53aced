package local

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// workflowChildEnv names the data directory and marker of the engine
// process TestKillDuringWorkflow kills.
const workflowChildEnv = "STORMLESS_LOCAL_WORKFLOW_CHILD"

// TestWorkflowDurabilityChild runs t.crashy and prints its id once its
// nap task runs. It does nothing unless run by TestKillDuringWorkflow.
func TestWorkflowDurabilityChild(t *testing.T) {
	env := os.Getenv(workflowChildEnv)
	if env == "" {
		t.Skip("run by TestKillDuringWorkflow only")
	}
	dir, marker, _ := strings.Cut(env, ",")
	e := newEngine(t, dir)
	if marker == "approve" {
		id, err := e.Submit(t.Context(), "t.approve", nil)
		if err != nil {
			t.Fatal(err)
		}
		waitStatus(t, e, id, execution.StatusPaused)
		fmt.Printf("napping %s\n", id)
		time.Sleep(time.Minute) // killed before this ends
	}
	id, err := e.Submit(t.Context(), "t.crashy", map[string]any{"marker": marker})
	if err != nil {
		t.Fatal(err)
	}
	for !processWith(marker) {
		time.Sleep(5 * time.Millisecond)
	}
	fmt.Printf("napping %s\n", id)
	time.Sleep(time.Minute) // killed before this ends
}

// killWith kills the processes whose command line contains arg.
func killWith(arg string) {
	paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), arg) {
			continue
		}
		if pid, err := strconv.Atoi(filepath.Base(filepath.Dir(p))); err == nil && pid != os.Getpid() {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// TestKillDuringWorkflow kills the engine process with SIGKILL while a
// workflow's second task runs, restarts an engine on the same data
// directory and checks that the workflow resumed where it stopped: the
// first task is not run again, the task that was running is abandoned (as
// StackStorm marks it), and the workflow goes on by its abandoned()
// transition to succeed.
func TestKillDuringWorkflow(t *testing.T) {
	dir := t.TempDir()
	marker := fmt.Sprintf("crashy-%d", time.Now().UnixNano())
	defer killWith(marker)
	id := killChildWhenNapping(t, dir, marker)
	killWith(marker) // the nap outlives its engine
	e := newEngine(t, dir)
	defer e.Close()
	x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.crashy"})
	if x.ID != id || x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), `"path":"abandoned"`) {
		t.Fatalf("got %s %s %s, want %s succeeded by the abandoned() transition", x.ID, x.Status, x.Result, id)
	}
	got := refs(children(t, e, id))
	want := []string{"core.echo:succeeded", "core.local:abandoned", "core.echo:succeeded"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got tasks %v, want %v (the first task once, the nap abandoned, then the last task)", got, want)
	}
}

// TestRestartDuringFork stops the engine (its context cancelled) while one
// branch of a fork has finished its task and the other's runs: the running
// task's process is killed and it is recorded canceled. The fork's
// top-level state runs again on the next start: both tasks are replayed
// from their records, not run again; completed() takes the canceled
// branch to the join.
func TestRestartDuringFork(t *testing.T) {
	dir := t.TempDir()
	marker := fmt.Sprintf("forked-%d", time.Now().UnixNano())
	defer killWith(marker)
	e, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")), WithDataDir(dir), WithTimers(false))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := e.Submit(t.Context(), "t.forked", map[string]any{"marker": marker})
	if err != nil {
		t.Fatal(err)
	}
	waitChild(t, e, id, "core.echo", execution.StatusSucceeded)
	waitChild(t, e, id, "core.local", execution.StatusRunning)
	stop()
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	again := newEngine(t, dir)
	defer again.Close()
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.forked"})
	if x.Status != execution.StatusSucceeded {
		t.Fatalf("got %s %s, want succeeded through the join", x.Status, x.Result)
	}
	got := map[string]int{}
	for _, c := range children(t, again, id) {
		got[c.Action.Ref+":"+string(c.Status)]++
	}
	want := map[string]int{"core.echo:succeeded": 2, "core.local:canceled": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got tasks %v, want %v (quick once, slow once, the join)", got, want)
	}
}

// killChildWhenNapping runs TestWorkflowDurabilityChild on dir with mode
// (a marker, or "approve") and kills it with SIGKILL once it says its
// workflow naps; it returns the workflow's execution id.
func killChildWhenNapping(t *testing.T, dir, mode string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWorkflowDurabilityChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), workflowChildEnv+"="+dir+","+mode)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var id string
	for sc := bufio.NewScanner(out); id == "" && sc.Scan(); {
		if rest, ok := strings.CutPrefix(sc.Text(), "napping "); ok {
			id = rest
		}
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	if id == "" {
		t.Fatal("the child engine ended before its workflow napped")
	}
	return id
}

// TestKillWhileWaitingForInquiry kills the engine process with SIGKILL
// while a workflow waits for an inquiry's response: after the restart the
// inquiry is still pending, answering it resumes the workflow, and the
// inquiry is not asked twice.
func TestKillWhileWaitingForInquiry(t *testing.T) {
	dir := t.TempDir()
	id := killChildWhenNapping(t, dir, "approve")
	e := newEngine(t, dir)
	defer e.Close()
	q := waitInquiry(t, e)
	if x, _ := e.Store().GetExecution(t.Context(), id); x.Status != execution.StatusPaused || q.ID != x.Children[0] {
		t.Fatalf("got %s with inquiry %s, want paused on its own inquiry", x.Status, q.ID)
	}
	if _, err := e.Respond(t.Context(), q.ID, map[string]any{"name": "Kay"}, "kay"); err != nil {
		t.Fatal(err)
	}
	x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.approve"})
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "Kay") {
		t.Fatalf("got %s %s, want succeeded with Kay", x.Status, x.Result)
	}
	if kids := children(t, e, id); len(kids) != 2 {
		t.Errorf("got tasks %v, want the inquiry once and the greeting", refs(kids))
	}
}

// TestRestartDuringWithItems stops the engine while one item of a
// with-items task has finished and the other runs: after the restart each
// item replays its own outcome (matched by its parameters), so the
// finished item's output stays at its place and nothing runs twice.
func TestRestartDuringWithItems(t *testing.T) {
	dir := t.TempDir()
	marker := fmt.Sprintf("itemized-%d", time.Now().UnixNano())
	defer killWith(marker)
	e, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")), WithDataDir(dir), WithTimers(false))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := e.Submit(t.Context(), "t.itemized", map[string]any{"cmds": []any{"sleep 30; echo " + marker, "echo quick"}})
	if err != nil {
		t.Fatal(err)
	}
	waitChild(t, e, id, "core.local", execution.StatusSucceeded)
	waitChild(t, e, id, "core.local", execution.StatusRunning)
	stop()
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	again := newEngine(t, dir)
	defer again.Close()
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.itemized"})
	if !strings.Contains(string(x.Result), `"outs":["","quick"]`) {
		t.Errorf("got %s %s, want outs with quick second, where its item is", x.Status, x.Result)
	}
	if kids := children(t, again, id); len(kids) != 2 {
		t.Errorf("got tasks %v, want each item once", refs(kids))
	}
}
