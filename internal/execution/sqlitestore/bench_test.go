package sqlitestore_test

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// BenchmarkEnforcementRecords measures what one rule enforcement of
// core.noop writes to the audit trail: one atomic batch (trigger
// instance, trace, enforcement, running execution) and the execution's
// move to succeeded, from many concurrent enforcers ("writers"). "group"
// is the group commit; "single" commits every write in its own
// transaction, the baseline. Each reports enforcements/s, records/s
// (five per enforcement: four created, one updated), the p50/p99 latency
// of one enforcement's two acknowledged writes, and writes/commit.
func BenchmarkEnforcementRecords(b *testing.B) {
	full, normal := sqlitestore.WithSynchronous("FULL"), sqlitestore.WithSynchronous("NORMAL")
	single := sqlitestore.WithMaxBatch(1)
	cases := []struct {
		name     string
		perCPU   int
		opts     []sqlitestore.Option
		baseline bool
	}{
		{"group/synchronous=FULL/writers=64", 32, []sqlitestore.Option{full}, false},
		{"single/synchronous=FULL/writers=64", 32, []sqlitestore.Option{full, single}, true},
		{"group/synchronous=FULL/writers=8", 4, []sqlitestore.Option{full}, false},
		{"group/synchronous=NORMAL/writers=64", 32, []sqlitestore.Option{normal}, false},
		{"single/synchronous=NORMAL/writers=64", 32, []sqlitestore.Option{normal, single}, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchEnforcements(b, c.perCPU, c.opts) })
	}
}

// benchEnforcements runs b.N enforcements from perCPU goroutines per CPU.
func benchEnforcements(b *testing.B, perCPU int, opts []sqlitestore.Option) {
	s, err := sqlitestore.Open(b.Context(), filepath.Join(b.TempDir(), "audit.db"), opts...)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var (
		mu   sync.Mutex
		lats []time.Duration
	)
	b.SetParallelism(perCPU)
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			t0 := time.Now()
			if err := enforce(b.Context(), s, execution.NewID()); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(t0))
		}
		mu.Lock()
		lats = append(lats, mine...)
		mu.Unlock()
	})
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	b.StopTimer()
	reportLatency(b, lats, elapsed)
	if len(lats) > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(len(lats)), "cpu-us/enforcement")
	}
	if st := s.Stats(); st.Commits > 0 {
		b.ReportMetric(float64(st.Writes)/float64(st.Commits), "writes/commit")
	}
}

// cpuTime returns the user and system CPU time this process used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportLatency reports throughput and latency percentiles.
func reportLatency(b *testing.B, lats []time.Duration, elapsed time.Duration) {
	if len(lats) == 0 {
		return
	}
	slices.Sort(lats)
	b.ReportMetric(float64(len(lats))/elapsed.Seconds(), "enforcements/s")
	b.ReportMetric(float64(5*len(lats))/elapsed.Seconds(), "records/s")
	b.ReportMetric(float64(lats[len(lats)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lats[len(lats)*99/100].Microseconds())/1000, "p99-ms")
}

// enforce writes one enforcement's records: four in a batch, then the
// execution's completion.
func enforce(ctx context.Context, s *sqlitestore.Store, n string) error {
	if err := enforceBatch(ctx, s, n); err != nil {
		return err
	}
	c := execution.Change{From: execution.StatusRunning, To: execution.StatusSucceeded, At: time.Now().UTC(), Result: []byte(`{}`)}
	_, err := s.TransitionExecution(ctx, "e"+n, c)
	return err
}

// enforceBatch writes the batch of one enforcement numbered n.
func enforceBatch(ctx context.Context, s *sqlitestore.Store, n string) error {
	return s.CreateBatch(ctx, enforcementBatchFor(n))
}

// enforcementBatchFor returns the records of one enforcement numbered n:
// trigger instance, trace, enforcement and running execution.
func enforcementBatchFor(n string) execution.Batch {
	now := time.Now().UTC()
	e := execution.Execution{
		ID: "e" + n, Action: execution.Action{Ref: "core.noop", RunnerType: "noop"},
		Runner: execution.Runner{Name: "noop"}, Status: execution.StatusRunning, StartTimestamp: now,
		Rule:            &execution.RuleRef{Ref: "examples.on_hook"},
		TriggerType:     &execution.TriggerTypeRef{Ref: "core.st2.webhook"},
		TriggerInstance: &execution.TriggerInstanceRef{ID: "ti" + n},
		Context:         execution.Context{User: "stanley", TraceContext: &execution.TraceContext{TraceTag: "tag" + n}},
	}
	return execution.Batch{
		TriggerInstances: []execution.TriggerInstance{{ID: "ti" + n, Trigger: "core.st2.webhook",
			Payload: []byte(`{"body":{"n":1}}`), OccurrenceTime: now, Status: execution.TriggerProcessed}},
		Traces: []execution.Trace{{ID: "tr" + n, TraceTag: "tag" + n, StartTimestamp: now}},
		Enforcements: []execution.Enforcement{{ID: "en" + n, Rule: execution.RuleRef{Ref: "examples.on_hook"},
			TriggerInstanceID: "ti" + n, ExecutionID: "e" + n, Status: execution.EnforcementSucceeded, EnforcedAt: now}},
		Executions: []execution.Execution{e},
	}
}
