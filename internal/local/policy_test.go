package local

import (
	"strings"
	"sync"
	"testing"

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
