package local

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

func TestRetryPolicy(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	x, err := e.Run(t.Context(), "t.flaky", nil)
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != execution.StatusFailed {
		t.Fatalf("got status %s, want failed", x.Status)
	}
	page, err := e.Store().ListExecutions(t.Context(), execution.ExecutionQuery{Action: "t.flaky"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(page.Items), 3; got != want {
		t.Errorf("got %d executions of t.flaky, want %d (the first and two retries)", got, want)
	}
}

func TestConcurrencyPolicy(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	cases := []struct {
		name   string
		ref    string
		second execution.Status // the status the later run ends in
		logged execution.Status // a status one of them passed through
	}{
		{name: "delay", ref: "t.sleepy", second: execution.StatusSucceeded, logged: execution.StatusDelayed},
		{name: "cancel", ref: "t.sleepy_cancel", second: execution.StatusCanceled, logged: execution.StatusCanceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			xs := make([]execution.Execution, 2)
			var wg sync.WaitGroup
			for i := range xs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					x, err := e.Run(t.Context(), c.ref, nil)
					if err != nil {
						t.Error(err)
					}
					xs[i] = x
				}()
			}
			wg.Wait()
			got := map[execution.Status]int{}
			passed := false
			for _, x := range xs {
				got[x.Status]++
				for _, l := range x.Log {
					passed = passed || l.Status == c.logged
				}
			}
			if got[execution.StatusSucceeded] < 1 || got[c.second] < 1 {
				t.Errorf("got statuses %v, want one succeeded and one %s", got, c.second)
			}
			if !passed {
				t.Errorf("got no execution passing through %s", c.logged)
			}
		})
	}
}

func TestNotifyChains(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	x, err := e.Run(t.Context(), "t.notified", nil)
	if err != nil {
		t.Fatal(err)
	}
	n := waitFinal(t, e, execution.ExecutionQuery{Rule: "t.on_notify"})
	if got, want := string(n.Result), "notified "+x.ID+" all good: 0"; !strings.Contains(got, want) {
		t.Errorf("got result %s, want it to hold %q", got, want)
	}
}

func TestSubmit(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.sleepy_cancel", nil, AsUser("ann"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.Store().GetExecution(t.Context(), id)
	if err != nil || x.Status.Final() || x.Context.User != "ann" {
		t.Fatalf("got %s for %s (%v), want it recorded, not final yet, for ann", x.Status, id, err)
	}
	if x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.sleepy_cancel"}); x.ID != id || x.Status != execution.StatusSucceeded {
		t.Errorf("got %s %s, want %s succeeded", x.ID, x.Status, id)
	}
}

// TestConcurrencyAcrossRestart stops the engine while one t.sleepy runs
// and another waits for its slot (threshold 1, delay). On the next start
// the one that ran is abandoned, which frees its slot: the slots are
// counted from what runs, and nothing runs after a restart until it is
// admitted again. The delayed one, which never started, is taken up where
// it stopped and runs; a run submitted then waits for it.
func TestConcurrencyAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	e, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")), WithDataDir(dir), WithTimers(false))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	first, err := e.Submit(t.Context(), "t.sleepy", nil)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, first, execution.StatusRunning)
	second, err := e.Submit(t.Context(), "t.sleepy", nil)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, second, execution.StatusDelayed)
	stop()
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	again := newEngine(t, dir)
	defer again.Close()
	if x := waitStatus(t, again, first, execution.StatusAbandoned); !strings.Contains(statuses(x), "running") {
		t.Errorf("got first %s, want the run that started abandoned", statuses(x))
	}
	third, err := again.Submit(t.Context(), "t.sleepy", nil)
	if err != nil {
		t.Fatal(err)
	}
	x2 := waitStatus(t, again, second, execution.StatusSucceeded)
	x3 := waitStatus(t, again, third, execution.StatusSucceeded)
	if !strings.Contains(statuses(x2), "delayed") {
		t.Errorf("got second %s, want it delayed before it ran", statuses(x2))
	}
	s2, s3 := ranAt(x2), ranAt(x3)
	if s2.Before(x3.EndTimestamp) && s3.Before(x2.EndTimestamp) {
		t.Errorf("got the second running %v-%v and the third %v-%v, want one at a time", s2, x2.EndTimestamp, s3, x3.EndTimestamp)
	}
}

// ranAt is when x moved to running.
func ranAt(x execution.Execution) time.Time {
	for _, l := range x.Log {
		if l.Status == execution.StatusRunning {
			return l.Timestamp
		}
	}
	return time.Time{}
}
