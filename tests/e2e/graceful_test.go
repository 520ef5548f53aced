package e2e

import (
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeNapsPack writes pack "graceful" into dir: workflow graceful.naps
// runs two shell naps of the given seconds in a row.
func writeNapsPack(t *testing.T, dir string) {
	t.Helper()
	writeFile(t, dir, "graceful/pack.yaml", "---\nref: graceful\nname: graceful\ndescription: Graceful shutdown e2e test.\nversion: 0.1.0\nauthor: Stormless\n")
	writeFile(t, dir, "graceful/actions/naps.yaml", `---
name: naps
runner_type: orquesta
enabled: true
entry_point: workflows/naps.yaml
parameters:
  first:
    type: number
  second:
    type: number
`)
	writeFile(t, dir, "graceful/actions/workflows/naps.yaml", `version: 1.0
input:
  - first
  - second
tasks:
  first_nap:
    action: core.local
    input:
      cmd: sleep <% ctx().first %>; echo first done
    next:
      - when: <% succeeded() %>
        do: second_nap
  second_nap:
    action: core.local
    input:
      cmd: sleep <% ctx().second %>; echo second done
`)
}

// TestSIGTERMLetsRunningTaskFinish sends SIGTERM while a workflow's first
// task runs: the task finishes, the workflow stops before its second task,
// the process exits at once after, and the next start finishes the
// workflow without running the first task again.
func TestSIGTERMLetsRunningTaskFinish(t *testing.T) {
	packs := t.TempDir()
	writeNapsPack(t, packs)
	s := startUp(t, shippedPacks, packs)
	r := s.request(t, http.MethodPost, "/api/v1/executions", map[string]any{"action": "graceful.naps", "parameters": map[string]any{"first": 1, "second": 5}})
	if r.code != http.StatusCreated {
		t.Fatalf("running graceful.naps: %d %s", r.code, r.body)
	}
	var list []execution
	waitFor(t, 20*time.Second, "the first nap to run", func() bool {
		s.getJSON(t, "/api/v1/executions?action=core.local&status=running", &list)
		return len(list) == 1
	})
	first := list[0]
	start := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("still running 30 s after SIGTERM\nstderr:\n%s", s.stderr)
	}
	took := time.Since(start)
	if s.err != nil {
		t.Errorf("exit: %v, want status 0\nstderr:\n%s", s.err, s.stderr)
	}
	if took > 4*time.Second {
		t.Errorf("stopped %v after SIGTERM, want about a second (the first nap's end), not after the second nap (5 s)", took)
	}
	if !strings.Contains(s.stderr.String(), "shutting down") {
		t.Errorf("stderr %q does not say it is shutting down", s.stderr)
	}

	again := startUpIn(t, s.dataDir, shippedPacks, packs)
	var x execution
	again.getJSON(t, "/api/v1/executions/"+first.ID, &x)
	if x.Status != "succeeded" || !strings.Contains(string(x.Result), "first done") {
		t.Errorf("the nap running at SIGTERM is %s %s, want succeeded: it had the grace to finish", x.Status, x.Result)
	}
	var wfs []execution
	again.getJSON(t, "/api/v1/executions?action=graceful.naps", &wfs)
	if len(wfs) != 1 {
		t.Fatalf("got %d graceful.naps executions, want 1", len(wfs))
	}
	wf := again.waitExecution(t, wfs[0].ID)
	if wf.Status != "succeeded" || len(wf.Children) != 2 || wf.Children[0] != first.ID {
		t.Errorf("workflow %s with tasks %v after the restart, want succeeded with the first nap once and the second", wf.Status, wf.Children)
	}
}

func TestShutdownGraceFlagChecked(t *testing.T) {
	cmd := exec.Command(binary, "up", "--shutdown-grace", "0s", "--data-dir", t.TempDir(), "--listen", freeAddr(t))
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "--shutdown-grace") {
		t.Errorf("up --shutdown-grace 0s: %v %s, want a usage error naming the flag", err, out)
	}
}
