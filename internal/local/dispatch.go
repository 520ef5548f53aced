package local

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/rule"
	"github.com/stormless/stormless/internal/workflow"
)

// GCPercent is the garbage collector's target (Go's GOGC) that
// `stormless up` sets unless told otherwise, and that BenchmarkEnforce
// runs at. The engine's live heap is small (tens of MB at 1,024
// enforcements in flight) and short-lived garbage is a fifth of its CPU:
// at the default 100 the collector runs about three times as often for
// nothing it needs; 300 took BenchmarkEnforce/noop from 323 to 290 us of
// CPU per enforcement (docs/performance.md).
const GCPercent = 300

func (e *Engine) openJournal() error {
	if e.cfg.dataDir == "" {
		return nil
	}
	j, err := openJournal(e.cfg.dataDir, time.Now().UnixNano())
	if err != nil {
		return err
	}
	e.journal = j
	return nil
}

// commit is the bus's durable hook. Events some rule's pattern matches go
// to the journal, then their trigger instances (pending) to the store;
// events no rule matches are recorded processed at once, in the same
// batch, as there is nothing to recover for them.
func (e *Engine) commit(ctx context.Context, events []bus.Event) error {
	var b execution.Batch
	var lines [][]byte
	var ids []string
	for _, ev := range events {
		ti, ok := triggerInstance(ev)
		if !ok {
			continue
		}
		if matched, data := e.matchOnce(ev, ti.ID); matched {
			if data == nil {
				var err error
				if data, err = json.Marshal(ev); err != nil {
					e.forget(events)
					return fmt.Errorf("encoding event %s: %w", ev.ID, err)
				}
			}
			lines, ids = append(lines, data), append(ids, ti.ID)
		} else {
			ti.Status = execution.TriggerProcessed
		}
		b.TriggerInstances = append(b.TriggerInstances, ti)
	}
	if err := e.journal.appendEncoded(ids, lines); err != nil {
		e.forget(events)
		return err
	}
	if len(b.TriggerInstances) == 0 {
		return nil
	}
	if err := e.store.CreateBatch(ctx, b); err != nil {
		e.forget(events)
		for _, id := range ids {
			e.journal.done(id) // not accepted: nothing to recover
		}
		return fmt.Errorf("recording trigger instances: %w", err)
	}
	return nil
}

// match is an event's encoding and the rules whose patterns match it,
// worked out once when the event is committed and used again when it is
// delivered, unless the packs were reloaded in between.
type match struct {
	gen    *generation
	detail []byte
	// instance is the event's trigger instance id when commit recorded
	// it, so that delivery need not decode the detail again for it.
	instance string
	data     []byte
	rules    []string
}

// matchEvent encodes ev and matches it against the current rules.
func (e *Engine) matchEvent(ev bus.Event) (match, error) {
	m := match{gen: e.current(), detail: ev.Detail}
	data, err := json.Marshal(ev)
	if err != nil {
		return m, fmt.Errorf("encoding event %s: %w", ev.ID, err)
	}
	m.data = data
	if m.rules, err = m.gen.matcher.Match(data); err != nil {
		return m, fmt.Errorf("matching event %s: %w", ev.ID, err)
	}
	return m, nil
}

// matchOnce reports whether some rule's pattern matches ev (an event that
// cannot be matched counts as matching, so it is kept for delivery), with
// its encoding when it has one, and keeps the match for its delivery.
func (e *Engine) matchOnce(ev bus.Event, instance string) (bool, []byte) {
	m, err := e.matchEvent(ev)
	if err != nil {
		return true, m.data
	}
	m.instance = instance
	e.matched.Store(ev.ID, m)
	return len(m.rules) > 0, m.data
}

// matchedAt returns the match commit kept for ev, or works it out.
func (e *Engine) matchedAt(ev bus.Event) (match, error) {
	if v, ok := e.matched.LoadAndDelete(ev.ID); ok {
		m := v.(match)
		if m.gen == e.current() && bytes.Equal(m.detail, ev.Detail) {
			return m, nil
		}
	}
	return e.matchEvent(ev)
}

// forget drops the matches kept for events that were not accepted.
func (e *Engine) forget(events []bus.Event) {
	for _, ev := range events {
		e.matched.Delete(ev.ID)
	}
}

// triggerInstance is the record of an event: its Stormless trigger
// instance, or for an AWS service event an aws.events trigger instance
// holding the whole event, under the event's id.
func triggerInstance(ev bus.Event) (execution.TriggerInstance, bool) {
	at := ev.Time
	if at.IsZero() {
		at = time.Now()
	}
	ti := execution.TriggerInstance{OccurrenceTime: at.UTC(), Status: execution.TriggerPending}
	if d, err := ev.TriggerDetail(); err == nil && d.ID != "" {
		ti.ID, ti.Trigger, ti.Payload = d.ID, d.Trigger.Type, d.Payload
		ti.TriggerParameters = d.Trigger.Parameters
		return ti, true
	}
	raw, err := json.Marshal(ev)
	if err != nil || ev.ID == "" {
		return execution.TriggerInstance{}, false
	}
	ti.ID, ti.Trigger, ti.Payload = ev.ID, rule.AWSEventsTrigger, raw
	return ti, true
}

// HandleEvent implements bus.Handler: it matches the event against every
// rule and enforces each match on the enforcement machine. It waits while
// too many events are being enforced, then returns at once.
func (e *Engine) HandleEvent(ctx context.Context, ev bus.Event) error {
	_, err := e.dispatch(ctx, ev)
	return err
}

// dispatch is HandleEvent; the channel is closed once the event's
// enforcements are done.
func (e *Engine) dispatch(ctx context.Context, ev bus.Event) (<-chan struct{}, error) {
	m, err := e.matchedAt(ev)
	if err != nil {
		return nil, err
	}
	data, rules := m.data, m.rules
	if len(rules) == 0 {
		return closed, nil // recorded processed at commit
	}
	select {
	case e.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("enforcing event %s: %w", ev.ID, ctx.Err())
	}
	done := make(chan struct{})
	e.wg.Add(1)
	go func() {
		defer close(done)
		e.enforceEvent(ev, m.instance, data, rules)
	}()
	return done, nil
}

// enforceEvent runs one enforcement per matching rule, waits for them and
// marks the trigger instance processed; instance is its id when known.
func (e *Engine) enforceEvent(ev bus.Event, instance string, data []byte, rules []string) {
	defer e.wg.Done()
	defer func() { <-e.sem }()
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		e.report(fmt.Errorf("decoding event %s: %w", ev.ID, err))
		return
	}
	ctx := e.context()
	failed, settled := false, false
	var running []*interp.Execution
	refs := e.applyBackstops(ctx, ev, rules)
	for _, ref := range refs {
		in := map[string]any{"rule": ref, "event": generic}
		if len(refs) == 1 {
			in["settle"] = true // its finish step may mark the trigger instance processed
		}
		x, err := e.interp.Start(ctx, e.machine, in)
		if err != nil {
			e.report(fmt.Errorf("starting enforcement of %s for event %s: %w", ref, ev.ID, err))
			failed = true
			continue
		}
		running = append(running, x)
	}
	for _, x := range running {
		f, s := e.await(ctx, x, ev.ID)
		failed, settled = failed || f, settled || s
	}
	e.markProcessed(ctx, ev, instance, failed, settled)
}

// await waits for an enforcement and reports one that failed, and whether
// its finish step marked the trigger instance processed.
func (e *Engine) await(ctx context.Context, x *interp.Execution, eventID string) (failed, settled bool) {
	res, err := x.Wait(ctx)
	if err != nil {
		e.report(fmt.Errorf("waiting for enforcement of event %s: %w", eventID, err))
		return true, false
	}
	if res.Status != interp.StatusSucceeded {
		e.report(fmt.Errorf("enforcing event %s: %s: %s", eventID, res.Error, res.Cause))
		return true, false
	}
	out, _ := res.Output.(map[string]any)
	return false, out["settled"] == true
}

// markProcessed ends the trigger instance's processing (a batch of one
// change, so the record is not read back) unless the enforcement's finish
// step did; when the engine is stopping it stays pending, to be enforced
// again on the next start. instance is the trigger instance's id when
// known (else it is worked out from ev).
func (e *Engine) markProcessed(ctx context.Context, ev bus.Event, instance string, failed, settled bool) {
	if instance == "" {
		ti, ok := triggerInstance(ev)
		if !ok {
			return
		}
		instance = ti.ID
	}
	ti := execution.TriggerInstance{ID: instance}
	if settled && !failed {
		e.journal.done(ti.ID)
		return
	}
	if ctx.Err() != nil {
		return
	}
	to := execution.TriggerProcessed
	if failed {
		to = execution.TriggerProcessingFailed
	}
	c := execution.TriggerInstanceChange{ID: ti.ID, From: execution.TriggerPending, To: to}
	err := e.store.CreateBatch(context.WithoutCancel(ctx), execution.Batch{TriggerInstanceChanges: []execution.TriggerInstanceChange{c}})
	if err != nil && !errors.Is(err, execution.ErrConflict) {
		e.report(fmt.Errorf("marking trigger instance %s %s: %w", ti.ID, to, err))
		return
	}
	e.journal.done(ti.ID)
}

// closed is a channel that is already closed.
var closed = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// asyncPublisher publishes action and notify triggers without making the
// enforcement that emits them wait for room on the bus. Events emitted
// once the engine is closing are dropped silently.
type asyncPublisher struct{ e *Engine }

var _ enforce.TriggerRecorder = asyncPublisher{}

// Unmatched implements enforce.TriggerRecorder: the trigger instance of
// an event no rule matches, processed, which the finish step records with
// the outcome, as commit would have recorded it.
func (p asyncPublisher) Unmatched(ev bus.Event) (execution.TriggerInstance, bool) {
	if ev.Validate() != nil {
		return execution.TriggerInstance{}, false // the bus says why
	}
	ti, ok := triggerInstance(ev)
	if !ok {
		return execution.TriggerInstance{}, false
	}
	if p.e.mayMatch(ev.DetailType, ev.Source) {
		m, err := p.e.matchEvent(ev)
		if err != nil || len(m.rules) > 0 {
			return execution.TriggerInstance{}, false
		}
	}
	ti.Status = execution.TriggerProcessed
	return ti, true
}

// Publish implements bus.Publisher; failures go to the error handler.
func (p asyncPublisher) Publish(ctx context.Context, events ...bus.Event) error {
	p.e.wg.Add(1)
	go func() {
		defer p.e.wg.Done()
		err := p.e.bus.Publish(context.WithoutCancel(ctx), events...)
		if err != nil && !errors.Is(err, bus.ErrClosed) {
			p.e.report(fmt.Errorf("publishing trigger event: %w", err))
		}
	}()
	return nil
}

// runnerFunction is the runner function the interpreter calls: a
// top-level execution's run (the request names it in
// context.execution_id) goes straight to the enforcer on the generic
// value, tracked for Cancel as cancelable does; anything else (workflow
// tasks, lookups, unusual shapes) takes slow, the JSON chain.
func (e *Engine) runnerFunction(slow interp.LambdaFunc) interp.LambdaFunc {
	return func(ctx context.Context, payload any) (any, error) {
		id, ok := topLevelExecution(payload)
		if !ok {
			return slow(ctx, payload)
		}
		ctx, done := e.runs.track(ctx, id)
		defer done()
		return e.enforcer.RunnerValue(ctx, payload)
	}
}

// topLevelExecution returns the execution a runner request names in
// context.execution_id, when its keys are exactly the expected ones.
func topLevelExecution(payload any) (string, bool) {
	m, _ := payload.(map[string]any)
	c, _ := m["context"].(map[string]any)
	id, _ := c["execution_id"].(string)
	if id == "" || m["action"] == workflow.ActionKVLookup {
		return "", false
	}
	for _, kv := range []struct {
		m    map[string]any
		keys []string
	}{{m, []string{"action", "parameters", "context", "task_token"}}, {c, []string{"execution_id"}}} {
		for k := range kv.m {
			for _, want := range kv.keys {
				if k != want && strings.EqualFold(k, want) {
					return "", false
				}
			}
		}
	}
	return id, true
}

// detailTypes are the detail-types some rule's pattern of a generation
// requires, when every pattern requires one of a list of exact strings
// (rule.Compile's patterns do, but for aws.events rules, which require
// source "aws.*"); all is true when some pattern does not, and then only
// the matcher can say.
type detailTypes struct {
	gen   *generation
	types map[string]bool
	all   bool
}

// mayMatch reports whether some rule's pattern may match an event of
// detail-type t: false is certain, true means the matcher must say.
func (e *Engine) mayMatch(t, source string) bool {
	g := e.current()
	dt := e.types.Load()
	if dt == nil || dt.gen != g {
		dt = newDetailTypes(g)
		e.types.Store(dt)
	}
	return dt.all || dt.types[t] || !strings.HasPrefix(source, "stormless.")
}

// newDetailTypes reads the detail-types g's rules' patterns require.
func newDetailTypes(g *generation) *detailTypes {
	dt := &detailTypes{gen: g, types: map[string]bool{}}
	for _, cr := range g.catalog.Rules() {
		if src, _ := cr.EventPattern["source"].([]any); len(src) > 0 {
			if m, _ := src[0].(map[string]any); len(src) == 1 && len(m) == 1 && m["prefix"] == "aws." {
				continue // source prefix "aws.": no Stormless event matches
			}
		}
		list, ok := cr.EventPattern["detail-type"].([]any)
		if !ok || len(list) == 0 {
			dt.all = true
			return dt
		}
		for _, v := range list {
			s, ok := v.(string)
			if !ok {
				dt.all = true
				return dt
			}
			dt.types[s] = true
		}
	}
	return dt
}
