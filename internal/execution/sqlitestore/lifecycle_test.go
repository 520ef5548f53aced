package sqlitestore_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

func TestClosed(t *testing.T) {
	s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	must(t, s.Close())
	must(t, s.Close())
	err = s.CreateBatch(t.Context(), enforcementBatchFor("1"))
	if !errors.Is(err, sqlitestore.ErrClosed) {
		t.Errorf("write after close: got %v, want ErrClosed", err)
	}
}

func TestCanceledContext(t *testing.T) {
	s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err = s.CreateBatch(ctx, enforcementBatchFor("1"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("write with a canceled context: got %v, want context.Canceled", err)
	}
	if _, err := s.GetExecution(t.Context(), "e1"); !errors.Is(err, execution.ErrNotFound) {
		t.Errorf("execution of the canceled write: got %v, want ErrNotFound", err)
	}
}
