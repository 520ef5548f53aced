package local

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/timer/fakeclock"
)

type purgeRun struct {
	before time.Time
	p      execution.Purged
}

// newRetentionEngine starts an engine keeping records for keep on clk,
// reporting each purge on the returned channel.
func newRetentionEngine(t *testing.T, clk *fakeclock.Clock, keep time.Duration) (*Engine, <-chan purgeRun) {
	t.Helper()
	purges := make(chan purgeRun, 16)
	e, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")),
		WithDataDir(t.TempDir()), WithConfigDir(filepath.Join("testdata", "configs")), WithTimers(false),
		WithTimerClock(clk), WithRetention(keep),
		WithPurgeHandler(func(before time.Time, p execution.Purged) { purges <- purgeRun{before, p} }),
		WithErrorHandler(func(err error) { t.Logf("engine: %v", err) }))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	return e, purges
}

func nextPurge(t *testing.T, purges <-chan purgeRun) purgeRun {
	t.Helper()
	select {
	case p := <-purges:
		return p
	case <-time.After(10 * time.Second):
		t.Fatal("no retention purge ran")
		return purgeRun{}
	}
}

func TestRetentionPurgesAtStartAndHourly(t *testing.T) {
	start := time.Now().UTC()
	clk := fakeclock.New(start)
	keep := 7 * 24 * time.Hour
	e, purges := newRetentionEngine(t, clk, keep)
	defer e.Close()
	if p := nextPurge(t, purges); !p.before.Equal(start.Add(-keep)) {
		t.Fatalf("purge at start cut off at %v, want %v", p.before, start.Add(-keep))
	}
	id, err := e.Submit(t.Context(), "core.noop", nil)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusSucceeded)

	// An hour later the execution is an hour old: kept.
	if !clk.WaitForTimers(t.Context(), 1) {
		t.Fatal("the retention timer is not waiting")
	}
	clk.Advance(time.Hour)
	if p := nextPurge(t, purges); p.p.Executions != 0 {
		t.Fatalf("the hourly purge deleted %+v, want nothing newer than %v", p.p, keep)
	}
	if _, err := e.Store().GetExecution(t.Context(), id); err != nil {
		t.Fatalf("execution gone after an hour: %v", err)
	}

	// Past the retention it goes, with nothing else to do in between.
	if !clk.WaitForTimers(t.Context(), 1) {
		t.Fatal("the retention timer is not waiting")
	}
	clk.Advance(keep)
	p := nextPurge(t, purges)
	if p.p.Executions < 1 {
		t.Fatalf("the purge after %v deleted %+v, want the execution", keep, p.p)
	}
	if _, err := e.Store().GetExecution(t.Context(), id); !errors.Is(err, execution.ErrNotFound) {
		t.Fatalf("got %v reading the execution past the retention, want not found", err)
	}
}

func TestRetentionKeepsPendingInquiry(t *testing.T) {
	start := time.Now().UTC()
	clk := fakeclock.New(start)
	e, purges := newRetentionEngine(t, clk, time.Hour)
	defer e.Close()
	nextPurge(t, purges)
	id, err := e.Submit(t.Context(), "core.ask", askParams)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusPending)
	q := waitInquiry(t, e)
	if !clk.WaitForTimers(t.Context(), 1) {
		t.Fatal("the retention timer is not waiting")
	}
	clk.Advance(48 * time.Hour)
	nextPurge(t, purges)
	if _, err := e.Store().GetExecution(t.Context(), id); err != nil {
		t.Errorf("pending execution purged: %v", err)
	}
	if _, err := e.Store().GetInquiry(t.Context(), q.ID); err != nil {
		t.Errorf("pending inquiry purged: %v", err)
	}
}

func TestRetentionOffByDefault(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	if e.cfg.retention != 0 {
		t.Fatalf("default retention %v, want 0 (keep everything)", e.cfg.retention)
	}
	if _, err := New(WithRetention(-time.Hour)); err == nil {
		t.Fatal("negative retention accepted")
	}
}
