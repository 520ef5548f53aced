package local

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
)

// ErrClosed is returned (wrapped) by Start, Run and Publish once the
// engine is closed.
var ErrClosed = errors.New("engine closed")

// ErrNotStarted is returned (wrapped) by Run and Publish before Start.
var ErrNotStarted = errors.New("engine not started")

// Start recovers from an earlier run (accepted events never processed are
// enforced again, their executions that never started resumed; workflows
// in flight resume from their checkpoints; other executions that were
// running are marked abandoned), starts delivering events and starts the
// rules' timers. The task logs of workflows the store no longer holds are
// removed in the background. ctx bounds every enforcement and execution the
// engine runs: cancelling it stops them (they are then abandoned on the
// next start). Start returns once recovery is under way.
func (e *Engine) Start(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return fmt.Errorf("starting engine: %w", ErrClosed)
	}
	if e.runCtx != nil {
		return errors.New("starting engine: already started")
	}
	e.runCtx, e.cancel = context.WithCancel(ctx)
	if err := e.recover(e.runCtx); err != nil {
		return err
	}
	e.unsubscribe = e.bus.Subscribe(e)
	e.pruneLogs(e.runCtx)
	var timersCtx context.Context
	timersCtx, e.stopTimers = context.WithCancel(e.runCtx)
	e.startSweeper(timersCtx, sweepInterval)
	e.startRetention(timersCtx)
	return e.startTimers(timersCtx)
}

// context returns the engine's run context.
func (e *Engine) context() context.Context {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.runCtx
}

// hold registers work that must finish before Close returns; it fails
// once the engine is closed or before it starts.
func (e *Engine) hold() (context.Context, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, ErrClosed
	}
	if e.runCtx == nil {
		return nil, ErrNotStarted
	}
	e.wg.Add(1)
	return e.runCtx, nil
}

// Publish publishes events on the engine's bus (see bus.Publisher): each
// accepted event has its trigger instance recorded before Publish returns.
func (e *Engine) Publish(ctx context.Context, events ...bus.Event) error {
	if _, err := e.hold(); err != nil {
		return fmt.Errorf("publishing: %w", err)
	}
	defer e.wg.Done()
	return e.bus.Publish(ctx, events...)
}

// Close stops accepting events, delivers those already accepted, waits for
// every enforcement and run in progress to finish, and closes the store
// the engine opened. A workflow that is paused (by Pause, or waiting for
// an inquiry's response) does not hold Close: it is stopped at once,
// recorded as it is, and resumes from its checkpoint on the next start;
// one that pauses while Close waits is stopped the same way. Action
// triggers of executions completing during Close are not delivered. Close
// is idempotent.
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	if e.stopTimers != nil {
		e.stopTimers()
	}
	e.mu.Unlock()
	err := e.bus.Close(context.Background())
	if e.unsubscribe != nil {
		e.unsubscribe()
	}
	e.parkIdle()
	e.wg.Wait()
	if e.cancel != nil {
		e.cancel()
	}
	e.closeStore()
	if err != nil {
		return fmt.Errorf("closing bus: %w", err)
	}
	return nil
}

// isClosing reports whether Close was called.
func (e *Engine) isClosing() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closed
}

// parkIdle stops every top-level workflow run that is paused with nothing
// of it running, and every direct core.ask waiting for its response,
// leaving their records as they are for the next start.
func (e *Engine) parkIdle() {
	g := &e.runs.wf
	g.mu.Lock()
	var stop []string
	for _, r := range g.m {
		if r.parent == "" && r.paused && !r.parked {
			g.park(r)
			stop = append(stop, r.id)
		}
	}
	g.mu.Unlock()
	for _, id := range append(stop, e.runs.asks.ids()...) {
		e.runs.stop(id)
	}
}
