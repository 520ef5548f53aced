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

// recover enforces again the journaled events whose trigger instances are
// still pending, resumes the workflows left in flight from their
// checkpoints, and marks abandoned every other execution left in flight
// that started or cannot be resumed. An execution of such an event that never
// started (requested, scheduled, delayed) is resumed by the enforcement
// instead: nothing ran, so nothing runs twice.
func (e *Engine) recover(ctx context.Context) error {
	events, err := e.journal.recovered()
	if err != nil {
		return err
	}
	pending, err := e.pendingEvents(ctx, events)
	if err != nil {
		return err
	}
	redelivered := map[string]bool{}
	for _, ev := range pending {
		ti, _ := triggerInstance(ev)
		redelivered[ti.ID] = true
	}
	xs, err := e.store.InFlightExecutions(ctx)
	if err != nil {
		return fmt.Errorf("listing in-flight executions: %w", err)
	}
	resumes, keep, err := e.planResumes(ctx, xs)
	if err != nil {
		return err
	}
	if err := e.abandonInFlight(ctx, xs, redelivered, keep); err != nil {
		return err
	}
	for _, x := range resumes {
		e.wg.Add(1)
		go e.resumeTop(x)
	}
	e.wg.Add(1)
	go e.redeliver(pending)
	return nil
}

// resumable reports whether the enforcement of a redelivered event will
// take x up where it stopped.
func resumable(x execution.Execution, redelivered map[string]bool) bool {
	switch x.Status {
	case execution.StatusRequested, execution.StatusScheduled, execution.StatusDelayed:
		return x.Parent == "" && x.TriggerInstance != nil && redelivered[x.TriggerInstance.ID]
	}
	return false
}

// abandonInFlight marks abandoned the executions xs left in flight, but
// those a redelivered event resumes and those keep names (workflows
// resumed from their checkpoints, their nested workflows and inquiries).
func (e *Engine) abandonInFlight(ctx context.Context, xs []execution.Execution, redelivered, keep map[string]bool) error {
	result, _ := json.Marshal(map[string]any{"error": abandonReason})
	for _, x := range xs {
		if resumable(x, redelivered) || keep[x.ID] {
			continue
		}
		c := execution.Change{From: x.Status, To: execution.StatusAbandoned, At: nowUTC(), Result: result}
		if _, err := e.store.TransitionExecution(ctx, x.ID, c); err != nil && !errors.Is(err, execution.ErrConflict) {
			return fmt.Errorf("abandoning execution %s: %w", x.ID, err)
		}
		if x.Status == execution.StatusPending {
			if err := e.cancelInquiry(ctx, x.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// cancelInquiry cancels the inquiry of an abandoned execution, if it has
// one: its workflow no longer waits for the answer.
func (e *Engine) cancelInquiry(ctx context.Context, id string) error {
	r := execution.Resolution{Status: execution.InquiryCanceled, By: "stormless", At: nowUTC()}
	_, err := e.store.ResolveInquiry(ctx, id, r)
	if err != nil && !errors.Is(err, execution.ErrNotFound) && !errors.Is(err, execution.ErrConflict) {
		return fmt.Errorf("canceling inquiry %s: %w", id, err)
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
