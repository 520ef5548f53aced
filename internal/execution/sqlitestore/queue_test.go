package sqlitestore_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// TestQueueBatch: a queued batch is applied before every write made after
// QueueBatch returned, and done gets CreateBatch's outcome.
func TestQueueBatch(t *testing.T) {
	s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := enforcementBatchFor("1")
	b.Executions[0].Status = execution.StatusScheduled
	must(t, s.CreateBatch(t.Context(), b))
	now := time.Now().UTC()
	results := make(chan error, 3)
	running := execution.Batch{Transitions: []execution.Transition{{ID: "e1", Change: execution.Change{From: execution.StatusScheduled, To: execution.StatusRunning, At: now}}}}
	s.QueueBatch(t.Context(), running, func(err error) { results <- err })
	// Written after the queued move: it finds the execution running.
	done := execution.Batch{Transitions: []execution.Transition{{ID: "e1", Change: execution.Change{From: execution.StatusRunning, To: execution.StatusSucceeded, At: now, Result: []byte(`{}`)}}}}
	must(t, s.CreateBatch(t.Context(), done))
	if err := <-results; err != nil {
		t.Fatalf("queued move: %v", err)
	}
	x, err := s.GetExecution(t.Context(), "e1")
	must(t, err)
	if x.Status != execution.StatusSucceeded || len(x.Log) < 2 || x.Log[len(x.Log)-2].Status != execution.StatusRunning {
		t.Errorf("execution: status %s, log %+v; want running then succeeded", x.Status, x.Log)
	}
	// The same move again conflicts: done gets ErrConflict.
	s.QueueBatch(t.Context(), running, func(err error) { results <- err })
	if err := <-results; !errors.Is(err, execution.ErrConflict) {
		t.Errorf("second move: got %v, want ErrConflict", err)
	}
	// An invalid batch is refused before it is queued; after Close, ErrClosed.
	s.QueueBatch(t.Context(), execution.Batch{Transitions: []execution.Transition{running.Transitions[0], running.Transitions[0]}}, func(err error) { results <- err })
	if err := <-results; !errors.Is(err, execution.ErrInvalid) {
		t.Errorf("invalid batch: got %v, want ErrInvalid", err)
	}
	must(t, s.Close())
	s.QueueBatch(t.Context(), running, func(err error) { results <- err })
	if err := <-results; !errors.Is(err, sqlitestore.ErrClosed) {
		t.Errorf("after close: got %v, want ErrClosed", err)
	}
}
