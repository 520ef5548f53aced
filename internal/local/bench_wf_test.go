package local

import (
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// BenchmarkWorkflowTasks runs t.noops (eight core.noop tasks in a row)
// one at a time on an engine with a data directory, where each workflow
// logs its checkpoints and tasks for a restart (logged), and on one over
// the same kind of SQLite store without a data directory, where nothing is
// logged (baseline). It reports tasks/s and the logged/baseline ratio.
func BenchmarkWorkflowTasks(b *testing.B) {
	rates := map[string]float64{}
	for _, mode := range []string{"baseline", "logged"} {
		b.Run(mode, func(b *testing.B) {
			dir := b.TempDir()
			opts := []Option{WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")), WithTimers(false)}
			if mode == "logged" {
				opts = append(opts, WithDataDir(dir))
			} else {
				s, err := sqlitestore.Open(b.Context(), filepath.Join(dir, "stormless.db"))
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				opts = append(opts, WithStore(s))
			}
			e, err := New(opts...)
			if err != nil {
				b.Fatal(err)
			}
			if err := e.Start(b.Context()); err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			b.ResetTimer()
			for b.Loop() {
				x, err := e.Run(b.Context(), "t.noops", nil)
				if err != nil || x.Status != execution.StatusSucceeded {
					b.Fatalf("got %s (%v), want succeeded", x.Status, err)
				}
			}
			rate := float64(8*b.N) / b.Elapsed().Seconds()
			rates[mode] = rate
			b.ReportMetric(rate, "tasks/s")
			if mode == "logged" && rates["baseline"] > 0 {
				b.ReportMetric(rate/rates["baseline"], "logged/baseline")
			}
		})
	}
}
