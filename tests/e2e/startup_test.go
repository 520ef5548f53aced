package e2e

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
)

// startupPacks is how many packs TestStartupWith100Packs generates.
const startupPacks = 100

// startupBound is the start-up time the test fails beyond (issue 7's
// target; about 0.1 s is measured on the 2-core machine).
const startupBound = time.Second

// writeStartupPacks writes n packs into dir, each with a workflow of two
// tasks and two webhook rules (one running the workflow, one core.noop).
func writeStartupPacks(t testing.TB, dir string, n int) {
	t.Helper()
	for i := range n {
		p := fmt.Sprintf("gen%03d", i)
		writeFile(t, dir, p+"/pack.yaml", fmt.Sprintf("---\nref: %s\nname: %s\ndescription: Generated pack %d for the start-up test.\nversion: 0.1.0\nauthor: Stormless\n", p, p, i))
		writeFile(t, dir, p+"/actions/flow.yaml", `---
name: flow
runner_type: orquesta
enabled: true
entry_point: workflows/flow.yaml
parameters:
  who:
    type: string
    default: world
`)
		writeFile(t, dir, p+"/actions/workflows/flow.yaml", `version: 1.0
input:
  - who
vars:
  - greeting: null
output:
  - greeting: <% ctx().greeting %>
tasks:
  greet:
    action: core.echo message="hello <% ctx().who %>"
    next:
      - when: <% succeeded() %>
        publish:
          - greeting: <% result().stdout %>
        do: done
  done:
    action: core.noop
`)
		writeFile(t, dir, p+"/rules/flow_on_webhook.yaml", fmt.Sprintf(`---
name: flow_on_webhook
pack: %s
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: %s/flow
criteria:
  trigger.body.who:
    type: exists
action:
  ref: %s.flow
  parameters:
    who: "{{ trigger.body.who }}"
`, p, p, p))
		writeFile(t, dir, p+"/rules/noop_on_webhook.yaml", fmt.Sprintf(`---
name: noop_on_webhook
pack: %s
enabled: true
trigger:
  type: core.st2.webhook
  parameters:
    url: %s/noop
action:
  ref: core.noop
`, p, p))
	}
}

// timeToHealthy starts the binary's stormless up over packDirs in a fresh
// data directory and returns how long /api/v1/health took to answer 200.
func timeToHealthy(t *testing.T, packDirs ...string) time.Duration {
	t.Helper()
	addr := freeAddr(t)
	args := []string{"up", "--data-dir", t.TempDir(), "--listen", addr}
	for _, d := range packDirs {
		args = append(args, "--packs", d)
	}
	var stderr lockedBuffer
	cmd := exec.Command(binary, args...)
	cmd.Stderr = &stderr
	client := &http.Client{Timeout: time.Second}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	for deadline := start.Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		resp, err := client.Get("http://" + addr + "/api/v1/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start)
			}
		}
	}
	t.Fatalf("stormless up never became healthy\nstderr:\n%s", stderr.String())
	return 0
}

// TestStartupWith100Packs measures `stormless up` from exec to
// /api/v1/health answering 200 with 100 generated packs (2 rules and a
// workflow each, plus the shipped core pack), five times, and checks the
// median against startupBound. The figures are in docs/performance.md.
func TestStartupWith100Packs(t *testing.T) {
	dir := t.TempDir()
	writeStartupPacks(t, dir, startupPacks)
	baseline := timeToHealthy(t, shippedPacks)
	var runs []time.Duration
	for range 5 {
		runs = append(runs, timeToHealthy(t, shippedPacks, dir))
	}
	slices.Sort(runs)
	median := runs[len(runs)/2]
	t.Logf("stormless up with %d packs (%d rules, %d workflows) healthy in: min %v, median %v, max %v; core pack only: %v",
		startupPacks, 2*startupPacks, startupPacks, runs[0].Round(time.Millisecond), median.Round(time.Millisecond),
		runs[len(runs)-1].Round(time.Millisecond), baseline.Round(time.Millisecond))
	if median > startupBound {
		t.Errorf("median start-up with %d packs took %v, want under %v", startupPacks, median, startupBound)
	}
	// The packs did load: a generated rule fires its workflow.
	s := startUp(t, shippedPacks, dir)
	s.postWebhook(t, "gen042/flow", map[string]any{"who": "Ada"})
	var list []execution
	waitFor(t, 20*time.Second, "gen042.flow to succeed", func() bool {
		s.getJSON(t, "/api/v1/executions?action=gen042.flow", &list)
		return len(list) == 1 && list[0].Status == "succeeded"
	})
}
