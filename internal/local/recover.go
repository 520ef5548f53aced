package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

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

// pendingEvents returns the journaled events of the trigger instances
// still pending. A pending trigger instance the journal lacks (its tail was
// lost with the machine, or the engine ran without a data directory) cannot
// be enforced again: it is marked processing_failed and reported. Start
// holds the engine's lock meanwhile, so no new event is being committed.
func (e *Engine) pendingEvents(ctx context.Context, events []bus.Event) ([]bus.Event, error) {
	journaled := map[string]bus.Event{}
	for _, ev := range events {
		if ti, ok := triggerInstance(ev); ok {
			journaled[ti.ID] = ev
		}
	}
	pending, err := e.listPending(ctx)
	if err != nil {
		return nil, err
	}
	var out []bus.Event
	for _, ti := range pending {
		if ev, ok := journaled[ti.ID]; ok {
			out = append(out, ev)
			continue
		}
		if _, err := e.store.SetTriggerInstanceStatus(ctx, ti.ID, execution.TriggerPending, execution.TriggerProcessingFailed); err != nil && !errors.Is(err, execution.ErrConflict) {
			return nil, fmt.Errorf("failing trigger instance %s: %w", ti.ID, err)
		}
		e.report(fmt.Errorf("trigger instance %s was accepted but is not in the journal: marked %s", ti.ID, execution.TriggerProcessingFailed))
	}
	return out, nil
}

// listPending lists every pending trigger instance, oldest first.
func (e *Engine) listPending(ctx context.Context) ([]execution.TriggerInstance, error) {
	var out []execution.TriggerInstance
	for tok := ""; ; {
		page, err := e.store.ListTriggerInstances(ctx, execution.TriggerInstanceQuery{Status: execution.TriggerPending,
			PageQuery: execution.PageQuery{Limit: execution.MaxLimit, Token: tok}})
		if err != nil {
			return nil, fmt.Errorf("listing pending trigger instances: %w", err)
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			slices.Reverse(out)
			return out, nil
		}
		tok = page.Next
	}
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
