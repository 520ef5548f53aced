package enforce

import (
	"context"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/param"
	"github.com/stormless/stormless/internal/runner"
)

// plan is one execution being requested: by a rule for a trigger instance,
// or directly. It holds the action (nil when unknown), the parameters as
// given and the records to create.
type plan struct {
	rule      *pack.Rule // nil for a direct run
	trigger   *trigger   // nil for a direct run
	actionRef string
	given     map[string]any
	action    *Action
	user      string
	exec      execution.Execution
	enfID     string
	traceID   string
	attempt   int
	// masked are the parameters as recorded, once batch made the record.
	masked map[string]any
	// settle asks finish to mark the trigger instance processed.
	settle bool
	// actx is actionContext's result.
	actx map[string]any
}

// newRulePlan plans the execution rule r starts for trigger instance t;
// attempt counts action.retry re-runs (their ids differ, and they record
// no second enforcement).
func newRulePlan(e *Enforcer, r *pack.Rule, t trigger, attempt int) *plan {
	p := &plan{rule: r, trigger: &t, actionRef: r.Action.Ref, given: r.Action.Parameters, user: runner.DefaultUser,
		enfID: derivedID(t.ID, r.Ref, "enforcement"), traceID: derivedID(t.ID, r.Ref, "trace"), attempt: attempt}
	p.action, _ = e.catalog.Action(p.actionRef)
	p.exec = p.newExecution(derivedID(t.ID, r.Ref, attemptKind("execution", attempt)), e.timestamp())
	return p
}

// attemptKind names the records of a retry attempt.
func attemptKind(kind string, attempt int) string {
	if attempt == 0 {
		return kind
	}
	return fmt.Sprintf("%s#%d", kind, attempt)
}

// newDirectPlan plans a direct run of action ref.
func newDirectPlan(e *Enforcer, in enforceInput) *plan {
	id := in.ID
	if id == "" {
		id = execution.NewID()
	}
	traceID := derivedID(id, "", "trace")
	if in.RetryCount > 0 {
		id = derivedID(id, "", attemptKind("execution", in.RetryCount))
	}
	p := &plan{actionRef: in.Action, given: in.Parameters, user: in.User, traceID: traceID, attempt: in.RetryCount}
	if p.user == "" {
		p.user = runner.DefaultUser
	}
	p.action, _ = e.catalog.Action(p.actionRef)
	p.exec = p.newExecution(id, e.timestamp())
	return p
}

// ruleRef is the rule as records name it.
func (p *plan) ruleRef() execution.RuleRef {
	return execution.RuleRef{ID: p.rule.Ref, Ref: p.rule.Ref, Name: p.rule.Name, Pack: p.rule.Pack, UID: "rule:" + p.rule.Pack + ":" + p.rule.Name}
}

// ref names the execution, with what the finish step needs of its record
// once batch made it.
func (p *plan) ref() *executionRef {
	r := &executionRef{ID: p.exec.ID, Action: p.actionRef}
	if p.masked == nil {
		return r
	}
	r.Start, r.Name, r.Runner = p.exec.StartTimestamp.Format(time.RFC3339Nano), p.exec.Action.Name, p.exec.Runner.Name
	r.Parameters, r.User = p.masked, p.exec.Context.User
	if tc := p.exec.Context.TraceContext; tc != nil {
		r.TraceTag, r.TraceID = tc.TraceTag, tc.ID
	}
	if p.settle && p.trigger != nil {
		r.Settle = p.trigger.ID
	}
	return r
}

func (p *plan) traceTag() string {
	if p.trigger != nil {
		return p.trigger.TraceTag
	}
	return p.exec.ID
}

// newExecution is the execution record, requested, before parameters.
func (p *plan) newExecution(id string, now time.Time) execution.Execution {
	x := execution.Execution{
		ID: id, Action: execution.Action{Ref: p.actionRef}, Status: execution.StatusRequested, StartTimestamp: now,
		Context: execution.Context{User: p.user, TraceContext: &execution.TraceContext{TraceTag: p.traceTag(), ID: p.traceID}},
	}
	if p.rule != nil {
		rr := p.ruleRef()
		x.Context.Pack, x.Rule = p.rule.Pack, &rr
		x.Context.Rule = &execution.ObjectRef{ID: rr.ID, Name: rr.Name}
		x.Context.TriggerInstance = &execution.ObjectRef{ID: p.trigger.ID, Name: p.trigger.Type}
		x.TriggerType = &execution.TriggerTypeRef{Ref: p.trigger.Type}
		x.TriggerInstance = &execution.TriggerInstanceRef{ID: p.trigger.ID, Trigger: p.trigger.Type, OccurrenceTime: p.trigger.Time}
	}
	if p.action != nil {
		x.Action, x.Runner = actionRef(p.action), execution.Runner{Name: p.action.Pack.RunnerType}
	}
	return x
}

func actionRef(a *Action) execution.Action {
	return execution.Action{Ref: a.Pack.Ref, Name: a.Pack.Name, Pack: a.Pack.Pack, RunnerType: a.Pack.RunnerType, EntryPoint: a.Pack.EntryPoint}
}

// actionContext is action_context as templates and runners see it, made
// once per plan (the runner request adds execution_id to it once the
// parameters are rendered).
func (p *plan) actionContext() map[string]any {
	if p.actx != nil {
		return p.actx
	}
	c := map[string]any{"user": p.user, "trace_context": map[string]any{"trace_tag": p.traceTag(), "id": p.traceID}}
	if p.rule != nil {
		c["pack"] = p.rule.Pack
		c["rule"] = map[string]any{"id": p.rule.Ref, "name": p.rule.Name, "ref": p.rule.Ref}
		c["trigger_instance"] = map[string]any{"id": p.trigger.ID, "name": p.trigger.Type}
	}
	p.actx = c
	return c
}

// resolve renders the parameters.
func (p *plan) resolve(ctx context.Context, e *Enforcer) (map[string]any, error) {
	if p.action == nil {
		_, err := e.catalog.Action(p.actionRef)
		return nil, err
	}
	pc := param.Context{Config: p.action.Config, Action: p.actionContext(), User: p.user, Datastore: e.datastore}
	if p.trigger != nil {
		pc.Trigger = p.trigger.Payload
	}
	return p.action.Params.Resolve(ctx, p.given, pc)
}

// batch is what one request records at once: the trace, the enforcement
// (for a rule) and the execution, its parameters masked. An execution that
// can run is created scheduled, its log holding requested then scheduled,
// so scheduling costs no write of its own; one that cannot stays
// requested, for failEarly to fail.
func (p *plan) batch(params map[string]any, planErr error) execution.Batch {
	x := p.exec
	switch {
	case p.action != nil && params != nil:
		x.Parameters = p.action.Params.Mask(params)
	case p.action != nil:
		x.Parameters = p.action.Params.Mask(p.given)
	}
	p.masked = x.Parameters
	if p.masked == nil {
		p.masked = map[string]any{}
	}
	if planErr == nil {
		x.Status = execution.StatusScheduled
		x.Log = []execution.LogEntry{{Timestamp: x.StartTimestamp, Status: execution.StatusRequested},
			{Timestamp: x.StartTimestamp, Status: execution.StatusScheduled}}
	}
	tr := execution.Trace{ID: p.traceID, TraceTag: p.traceTag(), StartTimestamp: x.StartTimestamp}
	b := execution.Batch{Executions: []execution.Execution{x}}
	if p.attempt > 0 {
		return b // a retry: the trace and enforcement exist
	}
	if p.rule == nil {
		tr.Add(execution.TraceComponents{ActionExecutions: []execution.TraceComponent{{ObjectID: x.ID, Ref: x.Action.Ref, UpdatedAt: x.StartTimestamp}}})
		b.Traces = []execution.Trace{tr}
		return b
	}
	enf := execution.Enforcement{ID: p.enfID, Rule: p.ruleRef(), TriggerInstanceID: p.trigger.ID,
		ExecutionID: x.ID, Status: execution.EnforcementSucceeded, EnforcedAt: x.StartTimestamp}
	if planErr != nil {
		enf.Status, enf.FailureReason = execution.EnforcementFailed, planErr.Error()
	}
	tr.Add(p.ruleComponents(x))
	b.Traces, b.Enforcements = []execution.Trace{tr}, []execution.Enforcement{enf}
	return b
}

func (p *plan) ruleComponents(x execution.Execution) execution.TraceComponents {
	at := x.StartTimestamp
	return execution.TraceComponents{
		TriggerInstances: []execution.TraceComponent{{ObjectID: p.trigger.ID, Ref: p.trigger.Type, UpdatedAt: at}},
		Rules: []execution.TraceComponent{{ObjectID: p.rule.Ref, Ref: p.rule.Ref, UpdatedAt: at,
			CausedBy: &execution.Cause{Type: "trigger_instance", ID: p.trigger.ID}}},
		ActionExecutions: []execution.TraceComponent{{ObjectID: x.ID, Ref: x.Action.Ref, UpdatedAt: at,
			CausedBy: &execution.Cause{Type: "rule", ID: p.rule.Ref + ":" + p.trigger.ID}}},
	}
}
