package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
)

// abandonReason is the error recorded on executions a restart found in
// flight.
const abandonReason = "the engine stopped while the execution was in flight (it was not run again)"

// recover marks executions left in flight abandoned, then enforces again
// the journaled events whose trigger instances are still pending.
func (e *Engine) recover(ctx context.Context) error {
	if err := e.abandonInFlight(ctx); err != nil {
		return err
	}
	events, err := e.journal.recovered()
	if err != nil {
		return err
	}
	pending, err := e.pendingEvents(ctx, events)
	if err != nil {
		return err
	}
	e.wg.Add(1)
	go e.redeliver(pending)
	return nil
}

func (e *Engine) abandonInFlight(ctx context.Context) error {
	xs, err := e.store.InFlightExecutions(ctx)
	if err != nil {
		return fmt.Errorf("listing in-flight executions: %w", err)
	}
	result, _ := json.Marshal(map[string]any{"error": abandonReason})
	for _, x := range xs {
		c := execution.Change{From: x.Status, To: execution.StatusAbandoned, At: nowUTC(), Result: result}
		if _, err := e.store.TransitionExecution(ctx, x.ID, c); err != nil && !errors.Is(err, execution.ErrConflict) {
			return fmt.Errorf("abandoning execution %s: %w", x.ID, err)
		}
	}
	return nil
}

// pendingEvents keeps the journaled events whose trigger instance was
// recorded and is still pending.
func (e *Engine) pendingEvents(ctx context.Context, events []bus.Event) ([]bus.Event, error) {
	var out []bus.Event
	seen := map[string]bool{}
	for _, ev := range events {
		ti, ok := triggerInstance(ev)
		if !ok || seen[ti.ID] {
			continue
		}
		seen[ti.ID] = true
		got, err := e.store.GetTriggerInstance(ctx, ti.ID)
		if errors.Is(err, execution.ErrNotFound) {
			continue // never accepted
		}
		if err != nil {
			return nil, fmt.Errorf("reading trigger instance %s: %w", ti.ID, err)
		}
		if got.Status == execution.TriggerPending {
			out = append(out, ev)
		}
	}
	return out, nil
}

// redeliver enforces recovered events, then drops the old journals.
func (e *Engine) redeliver(events []bus.Event) {
	defer e.wg.Done()
	ctx := e.context()
	var waits []<-chan struct{}
	for _, ev := range events {
		done, err := e.dispatch(ctx, ev)
		if err != nil {
			e.report(fmt.Errorf("redelivering event %s: %w", ev.ID, err))
			return
		}
		waits = append(waits, done)
	}
	for _, done := range waits {
		<-done
	}
	if ctx.Err() == nil {
		if err := e.journal.dropRecovered(); err != nil {
			e.report(err)
		}
	}
}
