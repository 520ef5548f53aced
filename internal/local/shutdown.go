package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// drainPoll is how often Shutdown looks for workflows whose running tasks
// have all ended, to stop them at their checkpoint.
const drainPoll = 10 * time.Millisecond

// drainSettle is how many polls in a row must find the engine drained.
const drainSettle = 3

// Shutdown stops the engine gracefully, as StackStorm's graceful shutdown
// does, within ctx (the grace period):
//
//   - it stops accepting events and runs (Publish, Submit and the API
//     then fail with ErrClosed) and stops the timers; events accepted
//     already are delivered (those left when ctx ends stay in the event
//     journal and are delivered on the next start);
//   - actions running now, direct or as workflow tasks, run to their end;
//   - workflows start no new task: once none of a workflow's tasks runs
//     (the nested workflows' included), its run is stopped at that
//     checkpoint, its record left running, and it goes on from there on
//     the next start, each finished task replayed, never run again;
//   - workflows paused or waiting for an inquiry's response stop at once,
//     as Close stops them;
//   - when ctx ends first, the actions still running are marked abandoned
//     (as StackStorm's action runner abandons them once its graceful
//     shutdown timeout passes) and stopped (their processes killed); a
//     workflow whose task one was follows that task's failure path on the
//     next start.
//
// It then closes the store the engine opened. It returns ctx's error when
// the grace ran out, the bus's error otherwise. Shutdown and Close are
// idempotent; after either, both return nil at once.
func (e *Engine) Shutdown(ctx context.Context) error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.draining.Store(true)
	if e.stopTimers != nil {
		e.stopTimers()
	}
	e.mu.Unlock()

	stopDrain := make(chan struct{})
	drained := make(chan struct{})
	busClosed := make(chan struct{})
	go func() {
		defer close(drained)
		t := time.NewTicker(drainPoll)
		defer t.Stop()
		// The events accepted are all handed to enforcements before the
		// engine is checked for idleness; idle must then hold for
		// drainSettle polls in a row, so that an enforcement about to
		// record its execution is not taken for idleness.
		calm := 0
		for {
			e.parkIdle()
			select {
			case <-busClosed:
				if calm++; !e.drained() {
					calm = 0
				} else if calm >= drainSettle {
					if e.cancel != nil {
						e.cancel()
					}
					return
				}
			default:
			}
			select {
			case <-stopDrain:
				return
			case <-t.C:
			}
		}
	}()

	busErr := e.bus.Close(ctx)
	close(busClosed)
	if e.unsubscribe != nil {
		e.unsubscribe()
	}
	done := make(chan struct{})
	go func() {
		e.wg.Wait()
		close(done)
	}()
	var graceErr error
	select {
	case <-done:
	case <-ctx.Done():
		graceErr = fmt.Errorf("shutting down: the grace period ended with actions still running: they were stopped and marked abandoned: %w", ctx.Err())
		e.report(e.abandonRunning())
		if e.cancel != nil {
			e.cancel()
		}
		<-done
	}
	close(stopDrain)
	<-drained
	if e.cancel != nil {
		e.cancel()
	}
	e.closeStore()
	if graceErr != nil {
		return graceErr
	}
	if busErr != nil {
		return fmt.Errorf("closing bus: %w", busErr)
	}
	return nil
}

// drained reports whether nothing but workflows waiting to start a task
// runs: no action execution is recorded requested, scheduled or running,
// every workflow recorded so has a started run here, and no task of any
// run runs (nested workflows' included). Shutdown then cancels the
// engine's context, which stops those workflows where they wait, their
// records left running, to go on from their checkpoint on the next start,
// as after a crash between two tasks.
func (e *Engine) drained() bool {
	ctx := e.storeContext()
	var inFlight []execution.Execution
	for _, st := range []execution.Status{execution.StatusRequested, execution.StatusScheduled, execution.StatusRunning} {
		page, err := e.store.ListExecutions(ctx, execution.ExecutionQuery{Status: st, PageQuery: execution.PageQuery{Limit: execution.MaxLimit}})
		if err != nil || page.Next != "" {
			return false // unknown, or more than a page: not drained yet
		}
		inFlight = append(inFlight, page.Items...)
	}
	g := &e.runs.wf
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, x := range inFlight {
		if !e.isWorkflow(x.Action.Ref) {
			return false // an action is about to run or runs
		}
		if r := g.m[x.ID]; r == nil || !started(r) {
			return false // a workflow is starting
		}
	}
	for _, r := range g.m {
		if !started(r) || !g.idle(r) {
			return false
		}
	}
	return true
}

// started reports whether r's state machine runs (a run stopped before
// it starts would end as a failure instead of resuming).
func started(r *wfRun) bool {
	select {
	case <-r.ready:
		return true
	default:
		return false
	}
}

// idle reports whether no task of r, or of the workflows below it, runs.
// Call with the registry locked.
func (g *wfRegistry) idle(r *wfRun) bool {
	if r.active > 0 {
		return false
	}
	for _, c := range g.children(r) {
		if !g.idle(c) {
			return false
		}
	}
	return true
}

// shutdownAbandonReason is the error recorded on actions still running
// when Shutdown's grace period ends.
const shutdownAbandonReason = "the engine shut down and its grace period ended while the action was running (it was stopped and not run again)"

// abandonRunning marks abandoned every action execution recorded running
// (workflows are left running: they resume from their checkpoints).
func (e *Engine) abandonRunning() error {
	ctx := e.storeContext()
	result, _ := json.Marshal(map[string]any{"error": shutdownAbandonReason})
	var errs []error
	for tok := ""; ; {
		page, err := e.store.ListExecutions(ctx, execution.ExecutionQuery{Status: execution.StatusRunning,
			PageQuery: execution.PageQuery{Limit: execution.MaxLimit, Token: tok}})
		if err != nil {
			return fmt.Errorf("listing running executions to abandon: %w", err)
		}
		for _, x := range page.Items {
			if e.isWorkflow(x.Action.Ref) {
				continue
			}
			_, err := e.store.TransitionExecution(ctx, x.ID, execution.Change{From: execution.StatusRunning, To: execution.StatusAbandoned, At: nowUTC(), Result: result})
			if err != nil && !errors.Is(err, execution.ErrConflict) && !errors.Is(err, execution.ErrInvalidTransition) {
				errs = append(errs, fmt.Errorf("abandoning execution %s: %w", x.ID, err))
			}
		}
		if page.Next == "" {
			return errors.Join(errs...)
		}
		tok = page.Next
	}
}

// storeContext is the context of Shutdown's store reads and writes: the
// engine's, without its cancellation (Background before Start).
func (e *Engine) storeContext() context.Context {
	if ctx := e.context(); ctx != nil {
		return context.WithoutCancel(ctx)
	}
	return context.Background()
}
