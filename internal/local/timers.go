package local

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
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

// timerTriggers are the timers the enabled rules declare.
func (e *Engine) timerTriggers() []bus.Trigger {
	var out []bus.Trigger
	for ref := range e.catalog.Rules() {
		r, ok := e.catalog.PackRule(ref)
		if ok && timer.IsTimer(r.Trigger.Type) {
			out = append(out, bus.Trigger{Type: r.Trigger.Type, Parameters: r.Trigger.Parameters})
		}
	}
	return out
}
