package sqlitestore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// Example records an execution and moves it to success; the second,
// stale move loses the compare-and-set.
func Example() {
	dir, _ := os.MkdirTemp("", "audit")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(dir, "audit.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	e := execution.Execution{
		ID: execution.NewID(), Action: execution.Action{Ref: "core.local"}, Runner: execution.Runner{Name: "local-shell-cmd"},
		Parameters: execution.MaskSecrets(map[string]any{"cmd": "date", "password": "hunter2"},
			map[string]any{"password": map[string]any{"secret": true}}),
		Status: execution.StatusRunning, StartTimestamp: start,
	}
	if err := s.CreateExecution(ctx, e); err != nil {
		fmt.Println(err)
		return
	}
	done := execution.Change{From: execution.StatusRunning, To: execution.StatusSucceeded, At: start.Add(1500 * time.Millisecond)}
	got, err := s.TransitionExecution(ctx, e.ID, done)
	fmt.Println(got.Status, got.ElapsedSeconds, got.Parameters["password"], err)
	_, err = s.TransitionExecution(ctx, e.ID, done)
	fmt.Println(errorsIs(err, execution.ErrConflict))
	// Output:
	// succeeded 1.5 ******** <nil>
	// true
}
