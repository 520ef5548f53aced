package local

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/stormless/stormless/internal/execution"
)

// pruneLogs removes the task logs of workflow executions the store no
// longer holds (purged by retention), in the background of Start, until
// ctx ends. Failures are reported.
func (e *Engine) pruneLogs(ctx context.Context) {
	if e.cfg.dataDir == "" {
		return
	}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		n, err := e.prune(ctx)
		if err != nil {
			e.report(fmt.Errorf("pruning workflow logs (%d removed): %w", n, err))
		}
	}()
}

// prune removes the logs of executions not in the store and returns how
// many it removed.
func (e *Engine) prune(ctx context.Context) (int, error) {
	dir := filepath.Dir(taskLogPath(e.cfg.dataDir, "x"))
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("listing %s: %w", dir, err)
	}
	removed := 0
	for _, ent := range entries {
		id, ok := strings.CutSuffix(ent.Name(), ".jsonl")
		if !ok || ent.IsDir() || ctx.Err() != nil {
			continue
		}
		_, err := e.store.GetExecution(ctx, id)
		if !errors.Is(err, execution.ErrNotFound) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, ent.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			return removed, fmt.Errorf("removing the log of purged execution %s: %w", id, err)
		}
		removed++
	}
	return removed, nil
}
