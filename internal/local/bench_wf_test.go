package local

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"

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

// BenchmarkTaskLog measures what logging one task costs a workflow: the
// request re-encoded with the task's chosen execution id, its checkpoint
// (a small workflow's), its start and its end, sealed and written,
// reported as µs/task; the interleaved baseline encodes the same
// three lines as JSON without sealing or writing them.
func BenchmarkTaskLog(b *testing.B) {
	e := &Engine{cfg: config{dataDir: b.TempDir()}}
	l, err := e.openTaskLog("bench")
	if err != nil {
		b.Fatal(err)
	}
	defer l.close()
	cp := &interp.Checkpoint{Machine: "stormless-t-noops", Name: "bench", State: "t3", Transitions: 12,
		Input:     map[string]any{"st2": map[string]any{"action_execution_id": "bench", "user": "stanley"}},
		Variables: map[string]any{"sl_errors": []any{}, "sl_kv": map[string]any{}, "greeting": "hello"}}
	call := taskCall{task: "t3", action: "core.noop", hash: paramsHash(map[string]any{})}
	payload := json.RawMessage(`{"action":"core.noop","parameters":{},"context":{"parent":{"execution_id":"arn:aws:states:local:000000000000:execution:stormless-t-noops:bench"},"task_name":"t3"}}`)
	var logged, encoded time.Duration
	for b.Loop() {
		start := time.Now()
		_, _ = withTaskID(payload, "6b0a3b57a9a2f643a5ca82b1")
		_ = l.write(logLine{CP: cp})
		n, _ := l.start(call)
		_ = l.end(n, "6b0a3b57a9a2f643a5ca82b1", "succeeded")
		mid := time.Now()
		for _, line := range []logLine{{CP: cp}, {Start: n, Task: call.task, Action: call.action, Hash: call.hash}, {End: n, ID: "6b0a3b57a9a2f643a5ca82b1", Status: "succeeded"}} {
			_, _ = json.Marshal(line)
		}
		logged, encoded = logged+mid.Sub(start), encoded+time.Since(mid)
	}
	b.ReportMetric(float64(logged.Microseconds())/float64(b.N), "µs/task")
	b.ReportMetric(float64(encoded.Microseconds())/float64(b.N), "baseline-µs/task")
}
