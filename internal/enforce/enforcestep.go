package enforce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/rule"
	"github.com/stormless/stormless/internal/runner"
)

// trigger is the decoded trigger instance an enforcement works on.
type trigger struct {
	ID       string
	Type     string
	TraceTag string
	Time     time.Time
	Payload  any
	Raw      json.RawMessage
}

// decodeTrigger reads the trigger instance from an EventBridge event. An
// event that carries no Stormless trigger (an AWS service event) is an
// aws.events trigger instance whose payload is the whole event.
func decodeTrigger(raw json.RawMessage) (trigger, error) {
	var ev bus.Event
	if err := json.Unmarshal(raw, &ev); err != nil {
		return trigger{}, fmt.Errorf("decoding event: %w", err)
	}
	d, err := ev.TriggerDetail()
	if err != nil || d.ID == "" {
		return awsTrigger(ev, raw)
	}
	t := trigger{ID: d.ID, Type: d.Trigger.Type, TraceTag: d.TraceTag, Time: ev.Time, Raw: d.Payload}
	if t.TraceTag == "" {
		t.TraceTag = d.ID
	}
	if err := json.Unmarshal(d.Payload, &t.Payload); err != nil {
		return trigger{}, fmt.Errorf("decoding trigger payload: %w", err)
	}
	return t, nil
}

// awsTrigger is the trigger instance of an AWS service event.
func awsTrigger(ev bus.Event, raw json.RawMessage) (trigger, error) {
	if ev.ID == "" {
		return trigger{}, fmt.Errorf("decoding event: %w", rule.ErrNotTriggerInstance)
	}
	t := trigger{ID: ev.ID, Type: rule.AWSEventsTrigger, TraceTag: ev.ID, Time: ev.Time, Raw: raw}
	if err := json.Unmarshal(raw, &t.Payload); err != nil {
		return trigger{}, fmt.Errorf("decoding event: %w", err)
	}
	return t, nil
}

// enforce is the enforce step.
func (e *Enforcer) enforce(ctx context.Context, in enforceInput) (enforceOutput, error) {
	if in.Action != "" {
		return e.request(ctx, newDirectPlan(e, in))
	}
	cr, err := e.catalog.Rule(in.Rule)
	if err != nil {
		return enforceOutput{}, err
	}
	var t trigger
	if in.decoded != nil {
		t = *in.decoded
	} else if t, err = decodeTrigger(in.Event); err != nil {
		return enforceOutput{}, err
	}
	res, err := cr.CheckResidual(ctx, t.Payload, rule.WithDatastore(kvLookup{e.datastore}))
	if err != nil {
		return enforceOutput{}, fmt.Errorf("checking residual criteria of %s: %w", in.Rule, err)
	}
	if !res.Match {
		return enforceOutput{Outcome: OutcomeNoMatch}, nil
	}
	if err := e.recordTrigger(ctx, t); err != nil {
		return enforceOutput{}, err
	}
	pr, ok := e.catalog.PackRule(in.Rule)
	if !ok {
		return enforceOutput{}, fmt.Errorf("looking up rule %s: %w", in.Rule, ErrUnknownRule)
	}
	p := newRulePlan(e, pr, t, in.RetryCount)
	p.settle = in.Settle && !e.recordTriggers
	return e.request(ctx, p)
}

// recordTrigger creates the trigger instance when this host records them;
// one that exists (another rule's enforcement) is kept.
func (e *Enforcer) recordTrigger(ctx context.Context, t trigger) error {
	if !e.recordTriggers {
		return nil
	}
	ti := execution.TriggerInstance{ID: t.ID, Trigger: t.Type, Payload: t.Raw, OccurrenceTime: t.Time, Status: execution.TriggerProcessed}
	if ti.OccurrenceTime.IsZero() {
		ti.OccurrenceTime = e.timestamp()
	}
	err := e.store.CreateTriggerInstance(ctx, ti)
	if err != nil && !errors.Is(err, execution.ErrConflict) {
		return fmt.Errorf("recording trigger instance %s: %w", t.ID, err)
	}
	return nil
}

// request records the execution (and the enforcement) in one batch and
// says what to run.
func (e *Enforcer) request(ctx context.Context, p *plan) (enforceOutput, error) {
	params, planErr := p.resolve(ctx, e)
	if err := e.store.CreateBatch(ctx, p.batch(params, planErr)); err != nil {
		if errors.Is(err, execution.ErrConflict) {
			return e.resume(ctx, p, params, planErr)
		}
		return enforceOutput{}, fmt.Errorf("recording execution %s of %s: %w", p.exec.ID, p.actionRef, err)
	}
	if planErr != nil {
		return e.failEarly(ctx, p, planErr)
	}
	return e.dispatch(ctx, p, params) // created scheduled
}

// failEarly fails an execution that could not start (unknown action,
// parameters that do not resolve).
func (e *Enforcer) failEarly(ctx context.Context, p *plan, cause error) (enforceOutput, error) {
	result := runner.Failed(cause).Result
	if _, err := e.complete(ctx, p.exec.ID, execution.StatusRequested, execution.StatusFailed, result); err != nil {
		return enforceOutput{}, err
	}
	return enforceOutput{Outcome: OutcomeFailed, Execution: p.ref(), Reason: cause.Error()}, nil
}

// resume continues an enforcement recorded before (the same event
// delivered again after a restart): an execution that never started
// (requested, scheduled, delayed) goes on from where it stopped, its
// parameters rendered again from the same rule and event; any other has
// run or was abandoned, and is left alone.
func (e *Enforcer) resume(ctx context.Context, p *plan, params map[string]any, planErr error) (enforceOutput, error) {
	x, err := e.store.GetExecution(ctx, p.exec.ID)
	if err != nil {
		return enforceOutput{}, fmt.Errorf("reading execution %s: %w", p.exec.ID, err)
	}
	switch {
	case x.Status == execution.StatusRequested && planErr != nil:
		return e.failEarly(ctx, p, planErr)
	case x.Status == execution.StatusRequested:
		return e.schedule(ctx, p, params)
	case (x.Status == execution.StatusScheduled || x.Status == execution.StatusDelayed) && planErr == nil:
		return e.dispatch(ctx, p, params)
	}
	return enforceOutput{Outcome: OutcomeDone, Execution: p.ref(), Reason: "already enforced"}, nil
}

// schedule moves the execution to scheduled and dispatches it.
func (e *Enforcer) schedule(ctx context.Context, p *plan, params map[string]any) (enforceOutput, error) {
	if err := e.move(ctx, p.exec.ID, execution.StatusRequested, execution.StatusScheduled); err != nil {
		return enforceOutput{}, err
	}
	return e.dispatch(ctx, p, params)
}

// dispatch hands a scheduled execution to the runner or, for a workflow,
// moves it to running and hands it to its state machine.
func (e *Enforcer) dispatch(ctx context.Context, p *plan, params map[string]any) (enforceOutput, error) {
	if p.action.Workflow != nil {
		if err := e.move(ctx, p.exec.ID, execution.StatusScheduled, execution.StatusRunning); err != nil {
			return enforceOutput{}, err
		}
		input := workflowInput(params, p.exec.ID, p.user, e.apiURL)
		return enforceOutput{Outcome: OutcomeWorkflow, Execution: p.ref(),
			Workflow: &workflowStart{ARN: e.workflowARN(p.action.Pack.Ref), Input: input}}, nil
	}
	req := &RunnerRequest{Action: p.actionRef, Parameters: params, Context: maps.Clone(p.actionContext())}
	req.Context["execution_id"] = p.exec.ID
	return enforceOutput{Outcome: OutcomeAction, Execution: p.ref(), Request: req}, nil
}

// workflowInput is a workflow machine's input: its parameters and the st2
// runtime context.
func workflowInput(params map[string]any, id, user, apiURL string) map[string]any {
	in := make(map[string]any, len(params)+1)
	for k, v := range params {
		in[k] = v
	}
	st2 := map[string]any{"action_execution_id": id, "user": user}
	if apiURL != "" {
		st2["api_url"] = apiURL
	}
	in["st2"] = st2
	return in
}

// move transitions an execution without a result. It writes a batch of
// one transition, which (unlike TransitionExecution) does not read the
// record back.
func (e *Enforcer) move(ctx context.Context, id string, from, to execution.Status) error {
	t := execution.Transition{ID: id, Change: execution.Change{From: from, To: to, At: e.timestamp()}}
	if err := e.store.CreateBatch(ctx, execution.Batch{Transitions: []execution.Transition{t}}); err != nil {
		return fmt.Errorf("moving execution %s to %s: %w", id, to, err)
	}
	return nil
}
