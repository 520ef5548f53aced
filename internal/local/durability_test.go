package local

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
)

// childEnv names the data directory of the engine process the durability
// test kills.
const childEnv = "STORMLESS_LOCAL_DURABILITY_CHILD"

// TestDurabilityChild is the process the durability test kills: it
// publishes events to the noop rule and prints the id of each trigger
// instance once Publish accepted it. It does nothing unless run by
// TestKillAndRestart.
func TestDurabilityChild(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		t.Skip("run by TestKillAndRestart only")
	}
	e := newEngine(t, dir)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < 2000; i += 32 {
				ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "noop"}, map[string]any{"body": map[string]any{"i": i}})
				if err != nil {
					t.Error(err)
					return
				}
				if err := e.Publish(context.Background(), ev); err != nil {
					t.Error(err)
					return
				}
				d, _ := ev.TriggerDetail()
				mu.Lock()
				fmt.Printf("accepted %s\n", d.ID)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	time.Sleep(time.Minute) // killed before this ends
}

// TestKillAndRestart kills an engine process with SIGKILL while it
// enforces 2,000 events, restarts an engine on the same data directory,
// and checks that every event accepted before the kill has exactly one
// trigger instance, one enforcement and one execution, all final.
func TestKillAndRestart(t *testing.T) {
	dir := t.TempDir()
	accepted := runAndKill(t, dir, 1000)
	e := newEngine(t, dir)
	defer e.Close()
	waitQuiet(t, e.Store())
	checkExactlyOnce(t, e.Store(), accepted)
}

// runAndKill starts the child process and kills it once n events were
// accepted; it returns the accepted trigger instance ids.
func runAndKill(t *testing.T, dir string, n int) []string {
	cmd := exec.Command(os.Args[0], "-test.run=^TestDurabilityChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	sc := bufio.NewScanner(out)
	for sc.Scan() && len(ids) < n {
		if id, ok := strings.CutPrefix(sc.Text(), "accepted "); ok {
			ids = append(ids, id)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(ids) < n {
		t.Fatalf("got %d accepted events before the child ended, want %d", len(ids), n)
	}
	return ids
}

// waitQuiet waits until no trigger instance is pending and no execution
// is in flight.
func waitQuiet(t *testing.T, s execution.Store) {
	t.Helper()
	ctx := context.Background()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		pending, err := s.ListTriggerInstances(ctx, execution.TriggerInstanceQuery{Status: execution.TriggerPending, PageQuery: execution.PageQuery{Limit: 1}})
		if err != nil {
			t.Fatal(err)
		}
		inflight, err := s.InFlightExecutions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending.Items) == 0 && len(inflight) == 0 {
			return
		}
	}
	t.Fatal("trigger instances still pending or executions in flight after 60s")
}

// checkExactlyOnce checks every webhook trigger instance recorded (the
// accepted ones at least) has one enforcement and one final execution.
func checkExactlyOnce(t *testing.T, s execution.Store, accepted []string) {
	t.Helper()
	ctx := context.Background()
	perTI := executionsByTrigger(t, s)
	tis := listAll(t, func(tok string) (execution.Page[execution.TriggerInstance], error) {
		return s.ListTriggerInstances(ctx, execution.TriggerInstanceQuery{Trigger: "core.st2.webhook", PageQuery: execution.PageQuery{Limit: 1000, Token: tok}})
	})
	recorded := map[string]bool{}
	for _, ti := range tis {
		recorded[ti.ID] = true
		if ti.Status != execution.TriggerProcessed {
			t.Errorf("got trigger instance %s %s, want processed", ti.ID, ti.Status)
		}
		if got := perTI[ti.ID]; got != 1 {
			t.Errorf("got %d executions for trigger instance %s, want 1", got, ti.ID)
		}
		enf, err := s.ListEnforcements(ctx, execution.EnforcementQuery{TriggerInstanceID: ti.ID})
		if err != nil || len(enf.Items) != 1 {
			t.Errorf("got %d enforcements for trigger instance %s (%v), want 1", len(enf.Items), ti.ID, err)
		}
	}
	for _, id := range accepted {
		if !recorded[id] {
			t.Errorf("accepted trigger instance %s was lost", id)
		}
	}
	t.Logf("%d accepted before the kill, %d recorded, all enforced once", len(accepted), len(tis))
}

func executionsByTrigger(t *testing.T, s execution.Store) map[string]int {
	xs := listAll(t, func(tok string) (execution.Page[execution.Execution], error) {
		return s.ListExecutions(context.Background(), execution.ExecutionQuery{Rule: "t.noop", PageQuery: execution.PageQuery{Limit: 1000, Token: tok}})
	})
	out := map[string]int{}
	abandoned := 0
	defer func() { t.Logf("%d executions, %d abandoned by the restart", len(xs), abandoned) }()
	for _, x := range xs {
		if x.Status == execution.StatusAbandoned {
			abandoned++
			if !strings.Contains(statuses(x), "running") {
				t.Errorf("got execution %s abandoned with log %s, want only started ones abandoned (the others resumed)", x.ID, statuses(x))
			}
		}
		if !x.Status.Final() {
			t.Errorf("got execution %s %s, want a final status", x.ID, x.Status)
		}
		out[x.TriggerInstance.ID]++
	}
	return out
}

func listAll[T any](t *testing.T, page func(token string) (execution.Page[T], error)) []T {
	t.Helper()
	var out []T
	for tok := ""; ; {
		p, err := page(tok)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Items...)
		if p.Next == "" {
			return out
		}
		tok = p.Next
	}
}
