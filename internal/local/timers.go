package local

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/timer"
)

// startTimers schedules the timer of every enabled rule whose trigger is a
// timer (core.st2.IntervalTimer, DateTimer, CronTimer); each fire is
// published on the bus like any trigger instance. The scheduler stops when
// ctx ends.
func (e *Engine) startTimers(ctx context.Context) error {
	if !e.cfg.timers {
		return nil
	}
	opts := []timer.Option{timer.WithErrorHandler(func(id string, err error) {
		e.report(fmt.Errorf("timer %s: %w", id, err))
	})}
	if e.cfg.timerClock != nil {
		opts = append(opts, timer.WithClock(e.cfg.timerClock))
	}
	s, err := timer.New(e.bus, opts...)
	if err != nil {
		return fmt.Errorf("creating timer scheduler: %w", err)
	}
	e.timers = s
	if err := s.Sync(ctx, e.timerTriggers()); err != nil {
		return fmt.Errorf("scheduling timers: %w", err)
	}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		if err := s.Run(ctx); err != nil && ctx.Err() == nil {
			e.report(fmt.Errorf("running timers: %w", err))
		}
	}()
	return nil
}
