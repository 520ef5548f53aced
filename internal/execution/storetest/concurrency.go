package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// testConcurrency writes from many goroutines at once, every kind of
// write, and checks that every acknowledged write is readable.
func testConcurrency(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	const workers, each = 8, 40
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				if err := writeOne(t, s, fmt.Sprintf("%d-%d", w, i), i); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	q := execution.ExecutionQuery{Status: execution.StatusSucceeded, PageQuery: execution.PageQuery{Limit: 50}}
	got := collect(t, 50, listAll(s, q), executionID)
	if len(got) != workers*each {
		t.Errorf("got %d succeeded executions, want %d", len(got), workers*each)
	}
	p, err := s.ListEnforcements(ctx, execution.EnforcementQuery{PageQuery: execution.PageQuery{Limit: execution.MaxLimit}})
	must(t, err)
	if len(p.Items) != workers*each {
		t.Errorf("got %d enforcements, want %d", len(p.Items), workers*each)
	}
}

// writeOne records one enforcement's batch, runs its execution to
// success and appends its output.
func writeOne(t *testing.T, s execution.Store, n string, sec int) error {
	ctx := t.Context()
	if err := s.CreateBatch(ctx, enforcementBatch(n, sec)); err != nil {
		return err
	}
	for _, c := range []execution.Change{{From: "requested", To: "scheduled"}, {From: "scheduled", To: "running"}, {From: "running", To: "succeeded"}} {
		c.At = at(sec + 1)
		if _, err := s.TransitionExecution(ctx, "e-"+n, c); err != nil {
			return err
		}
	}
	if err := s.AppendOutput(ctx, "e-"+n, []execution.OutputLine{{Timestamp: at(sec), OutputType: execution.Stdout, Data: n}}); err != nil {
		return err
	}
	_, err := s.SetTriggerInstanceStatus(ctx, "ti-"+n, execution.TriggerProcessing, execution.TriggerProcessed)
	return err
}
