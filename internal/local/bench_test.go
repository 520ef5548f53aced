package local

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
)

// observed is a store that notes when each trigger instance's execution
// reached a final status (recorded: the write returned).
type observed struct {
	execution.Store
	mu   sync.Mutex
	done map[string]time.Time
	// cause is the trigger instance of each execution created in a batch.
	cause map[string]string
	ch    chan struct{}
}

func (o *observed) TransitionExecution(ctx context.Context, id string, c execution.Change) (execution.Execution, error) {
	x, err := o.Store.TransitionExecution(ctx, id, c)
	if err == nil && c.To.Final() && x.TriggerInstance != nil {
		o.finished(x.TriggerInstance.ID)
	}
	return x, err
}

func (o *observed) CreateBatch(ctx context.Context, b execution.Batch) error {
	if err := o.Store.CreateBatch(ctx, b); err != nil {
		return err
	}
	var ended []string
	o.mu.Lock()
	for _, x := range b.Executions {
		if x.TriggerInstance != nil {
			o.cause[x.ID] = x.TriggerInstance.ID
		}
	}
	for _, t := range b.Transitions {
		if ti, ok := o.cause[t.ID]; ok && t.To.Final() {
			delete(o.cause, t.ID)
			ended = append(ended, ti)
		}
	}
	o.mu.Unlock()
	for _, ti := range ended {
		o.finished(ti)
	}
	return nil
}

func (o *observed) finished(ti string) {
	o.mu.Lock()
	o.done[ti] = time.Now()
	o.mu.Unlock()
	o.ch <- struct{}{}
}

// BenchmarkEnforce measures trigger instance -> rule -> core.noop ->
// recorded success on the SQLite store on disk, against the baseline of
// the same store writes made directly (records).
//
// noop publishes as fast as 64 publishers can (throughput; its latency is
// the engine's queues divided by the rate); noop/rate-5000 and
// noop/rate-1000 publish at a steady 5,000 or 1,000 events/s, each
// event's latency counted from when it was due, so a run that falls
// behind shows it; serial sends one event at a
// time (latency without queueing). The baselines: records, the store
// writes of one enforcement made directly; publish-only, events no rule
// matches (the commit path alone).
func BenchmarkEnforce(b *testing.B) {
	// The collector target stormless up runs the engine at; a GOGC
	// environment variable wins, as in up.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(GCPercent))
	}
	b.Run("noop", labeled("noop", func(b *testing.B) { benchNoop(b, publishers, 0) }))
	b.Run("noop/rate-5000", labeled("rate-5000", func(b *testing.B) { benchNoop(b, publishers, 5000) }))
	b.Run("noop/rate-1000", labeled("rate-1000", func(b *testing.B) { benchNoop(b, publishers, 1000) }))
	b.Run("serial", labeled("serial", func(b *testing.B) { benchNoop(b, 1, 0) }))
	b.Run("records", labeled("records", benchRecords))
	b.Run("publish-only", labeled("publish-only", benchPublishOnly))
}

// labeled runs f with the profiler label case=name, which the goroutines
// it starts inherit, so that one case's profile can be read alone
// (go tool pprof -tagfocus case=noop).
func labeled(name string, f func(b *testing.B)) func(b *testing.B) {
	return func(b *testing.B) {
		pprof.Do(b.Context(), pprof.Labels("case", name), func(context.Context) { f(b) })
	}
}

// publishers is how many goroutines publish at once, as concurrent
// webhook requests do.
const publishers = 64

// benchNoop publishes b.N events from n publishers; with n = 1 each waits
// for the previous enforcement to be recorded, which measures latency
// without queueing. With rate > 0 event i is due at i/rate seconds from the
// start: its publisher waits until then, and its latency counts from then.
func benchNoop(b *testing.B, n int, rate float64) {
	dir := b.TempDir()
	s, err := sqlitestore.Open(b.Context(), filepath.Join(dir, "stormless.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	obs := &observed{Store: s, done: map[string]time.Time{}, cause: map[string]string{}, ch: make(chan struct{}, 1<<16)}
	e, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")),
		WithDataDir(dir), WithStore(obs), WithTimers(false), WithErrorHandler(func(err error) { b.Log(err) }))
	if err != nil {
		b.Fatal(err)
	}
	if err := e.Start(b.Context()); err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	events, ids := benchEvents(b)
	sent := make(map[string]time.Time, b.N)
	b.ResetTimer()
	start, cpu0, st0 := time.Now(), cpuTime(), s.Stats()
	step := make(chan struct{}, 1)
	for w := range n {
		go func() {
			for i := w; i < len(events); i += n {
				at := time.Now()
				if rate > 0 {
					at = start.Add(time.Duration(float64(i) * float64(time.Second) / rate))
					time.Sleep(time.Until(at))
				}
				obs.mu.Lock()
				sent[ids[i]] = at
				obs.mu.Unlock()
				if err := e.Publish(context.Background(), events[i]); err != nil {
					b.Error(err)
					return
				}
				if n == 1 {
					<-step
				}
			}
		}()
	}
	for range b.N {
		<-obs.ch
		if n == 1 {
			step <- struct{}{}
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-us/enforcement")
	reportCommits(b, st0, s.Stats())
	reportLatency(b, obs, sent, elapsed)
}

// benchPublishOnly is the commit path alone: b.N events no rule matches,
// published by 64 publishers, each recorded processed before Publish
// returns.
func benchPublishOnly(b *testing.B) {
	dir := b.TempDir()
	e, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")),
		WithDataDir(dir), WithTimers(false), WithErrorHandler(func(err error) { b.Log(err) }))
	if err != nil {
		b.Fatal(err)
	}
	if err := e.Start(b.Context()); err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	events := make([]bus.Event, b.N)
	for i := range events {
		ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "nothing-matches"}, map[string]any{"body": map[string]any{"i": i}})
		if err != nil {
			b.Fatal(err)
		}
		events[i] = ev
	}
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	var wg sync.WaitGroup
	for w := range publishers {
		wg.Go(func() {
			for i := w; i < len(events); i += publishers {
				if err := e.Publish(context.Background(), events[i]); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-us/event")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
}

// reportCommits reports the store's writes per enforcement and per
// group commit between two snapshots of its statistics.
func reportCommits(b *testing.B, st0, st1 sqlitestore.Stats) {
	writes, commits := st1.Writes-st0.Writes, st1.Commits-st0.Commits
	b.ReportMetric(float64(writes)/float64(b.N), "writes/enforcement")
	if commits > 0 {
		b.ReportMetric(float64(writes)/float64(commits), "writes/commit")
	}
}

// benchEvents builds b.N webhook events for t.noop and their trigger
// instance ids, before the timer starts, so that decoding them is not
// counted.
func benchEvents(b *testing.B) ([]bus.Event, []string) {
	events, ids := make([]bus.Event, b.N), make([]string, b.N)
	for i := range events {
		ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": "noop"}, map[string]any{"body": map[string]any{"i": i}})
		if err != nil {
			b.Fatal(err)
		}
		d, err := ev.TriggerDetail()
		if err != nil {
			b.Fatal(err)
		}
		events[i], ids[i] = ev, d.ID
	}
	return events, ids
}

func reportLatency(b *testing.B, obs *observed, sent map[string]time.Time, elapsed time.Duration) {
	obs.mu.Lock()
	defer obs.mu.Unlock()
	lat := make([]time.Duration, 0, len(sent))
	for id, t0 := range sent {
		if t1, ok := obs.done[id]; ok {
			lat = append(lat, t1.Sub(t0))
		}
	}
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "enforcements/s")
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}

// benchRecords is the baseline: the store writes of one enforcement,
// made as the engine makes them, straight on the store, 64 at a time.
func benchRecords(b *testing.B) {
	s, err := sqlitestore.Open(b.Context(), filepath.Join(b.TempDir(), "stormless.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	start, cpu0, st0 := time.Now(), cpuTime(), s.Stats()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for i := range b.N {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := writeRecords(b.Context(), s, i); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-us/enforcement")
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "enforcements/s")
	reportCommits(b, st0, s.Stats())
}

// writeRecords makes the four writes of one enforcement: the trigger
// instance (pending); trace, enforcement and execution (scheduled) in one
// batch; running; and in one batch succeeded with its result, the action
// trigger's trigger instance (processed) and the trigger instance
// processed.
func writeRecords(ctx context.Context, s *sqlitestore.Store, i int) error {
	now := time.Now().UTC()
	ti := execution.TriggerInstance{ID: execution.NewID(), Trigger: "core.st2.webhook", Payload: []byte(fmt.Sprintf(`{"i":%d}`, i)), OccurrenceTime: now, Status: execution.TriggerPending}
	if err := s.CreateBatch(ctx, execution.Batch{TriggerInstances: []execution.TriggerInstance{ti}}); err != nil {
		return err
	}
	x := execution.Execution{ID: execution.NewID(), Action: execution.Action{Ref: "core.noop"}, Status: execution.StatusScheduled, StartTimestamp: now,
		Log: []execution.LogEntry{{Timestamp: now, Status: execution.StatusRequested}, {Timestamp: now, Status: execution.StatusScheduled}}}
	enf := execution.Enforcement{ID: execution.NewID(), Rule: execution.RuleRef{Ref: "t.noop"}, TriggerInstanceID: ti.ID, ExecutionID: x.ID, Status: execution.EnforcementSucceeded, EnforcedAt: now}
	tr := execution.Trace{ID: execution.NewID(), TraceTag: ti.ID, StartTimestamp: now}
	if err := s.CreateBatch(ctx, execution.Batch{Executions: []execution.Execution{x}, Enforcements: []execution.Enforcement{enf}, Traces: []execution.Trace{tr}}); err != nil {
		return err
	}
	running := execution.Transition{ID: x.ID, Change: execution.Change{From: execution.StatusScheduled, To: execution.StatusRunning, At: time.Now().UTC()}}
	if err := s.CreateBatch(ctx, execution.Batch{Transitions: []execution.Transition{running}}); err != nil {
		return err
	}
	done := execution.Transition{ID: x.ID, Change: execution.Change{From: execution.StatusRunning, To: execution.StatusSucceeded, At: time.Now().UTC(), Result: []byte(`{}`)}}
	at := execution.TriggerInstance{ID: execution.NewID(), Trigger: "core.st2.generic.actiontrigger", Payload: []byte(`{}`), OccurrenceTime: now, Status: execution.TriggerProcessed}
	processed := execution.TriggerInstanceChange{ID: ti.ID, From: execution.TriggerPending, To: execution.TriggerProcessed}
	return s.CreateBatch(ctx, execution.Batch{Transitions: []execution.Transition{done}, TriggerInstances: []execution.TriggerInstance{at},
		TriggerInstanceChanges: []execution.TriggerInstanceChange{processed}})
}

// cpuTime is the CPU time this process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
