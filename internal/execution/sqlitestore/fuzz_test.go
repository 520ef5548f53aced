package sqlitestore_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// FuzzPageToken feeds arbitrary page tokens (they come from API clients)
// to a listing: each either pages or fails with ErrInvalid.
func FuzzPageToken(f *testing.F) {
	s, err := sqlitestore.Open(f.Context(), filepath.Join(f.TempDir(), "audit.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close() })
	for i := range 3 {
		e := execution.Execution{ID: execution.NewID(), Action: execution.Action{Ref: "core.noop"},
			Status: execution.StatusRequested, StartTimestamp: at(i)}
		if err := s.CreateExecution(f.Context(), e); err != nil {
			f.Fatal(err)
		}
	}
	p, err := s.ListExecutions(f.Context(), execution.ExecutionQuery{PageQuery: execution.PageQuery{Limit: 1}})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{p.Next, "", "MTIzOmFi", "not a token", "OjE", "LTE6eA"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		_, err := s.ListExecutions(t.Context(), execution.ExecutionQuery{PageQuery: execution.PageQuery{Limit: 2, Token: token}})
		if err != nil && !errors.Is(err, execution.ErrInvalid) {
			t.Errorf("token %q: got %v, want a page or ErrInvalid", token, err)
		}
	})
}

// at returns a fixed time plus n seconds.
func at(n int) time.Time {
	return time.Date(2026, 1, 1, 0, 0, n, 0, time.UTC)
}
