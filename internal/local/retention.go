package local

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/timer"
)

// retentionInterval is how often the retention purge runs after the one at
// start.
const retentionInterval = time.Hour

// WithRetention purges, at start and then every hour on the engine's clock
// (WithTimerClock), the records that ended more than d ago, as StackStorm's
// st2garbagecollector does: executions in a final status with their
// output, trigger instances, rule enforcements, traces and inquiries no
// longer pending (see execution.Purger). Executions in flight and pending
// inquiries are never purged. d = 0 (the default) keeps everything, as
// StackStorm's garbage collector keeps everything unless TTLs are set;
// d < 0 is an error.
func WithRetention(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("retention %v is negative: give 0 to keep everything or a positive duration", d)
		}
		c.retention = d
		return nil
	}
}

// WithPurgeHandler receives what each retention purge deleted (for
// logging); it is called from the purging goroutine.
func WithPurgeHandler(f func(before time.Time, p execution.Purged)) Option {
	return func(c *config) error { c.onPurge = f; return nil }
}

// clock is the engine's clock: WithTimerClock's, else the system clock.
func (e *Engine) clock() timer.Clock {
	if e.cfg.timerClock != nil {
		return e.cfg.timerClock
	}
	return timer.SystemClock()
}

// startRetention runs the retention purge now and every retentionInterval
// until ctx ends, when WithRetention asked for it.
func (e *Engine) startRetention(ctx context.Context) {
	if e.cfg.retention <= 0 {
		return
	}
	clock := e.clock()
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		for {
			e.report(e.purgeOld(ctx, clock.Now()))
			t := clock.NewTimer(retentionInterval)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C():
			}
		}
	}()
}

// purgeOld purges what ended more than the retention before now.
func (e *Engine) purgeOld(ctx context.Context, now time.Time) error {
	before := now.Add(-e.cfg.retention)
	p, err := e.store.Purge(ctx, before)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil
		}
		return fmt.Errorf("retention: purging records that ended before %s: %w", before.UTC().Format(time.RFC3339), err)
	}
	if e.cfg.onPurge != nil {
		e.cfg.onPurge(before, p)
	}
	return nil
}
