package enforce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/stormless/stormless/internal/execution"
)

// InquiryTrigger is the trigger type emitted when an inquiry is created.
const InquiryTrigger = "core.st2.generic.inquiry"

// ErrInvalidResponse is returned (wrapped) by Respond for a response that
// does not satisfy the inquiry's schema; the inquiry stays pending.
var ErrInvalidResponse = errors.New("invalid inquiry response")

// TaskTokens completes the workflow tasks that wait for a callback (AWS's
// SendTaskSuccess and SendTaskFailure); the local interpreter is one.
type TaskTokens interface {
	SendTaskSuccess(token string, output any) error
	SendTaskFailure(token, errName, cause string) error
}

// WithTaskTokens sets where inquiry responses complete the waiting
// workflow task. The tokens are kept in memory: an engine restart
// abandons the workflows waiting on them.
func WithTaskTokens(t TaskTokens) Option {
	return func(e *Enforcer) error { e.taskTokens = t; return nil }
}

// inquiryTokens maps an inquiry (its execution id) to the task token its
// workflow task waits on. Safe for concurrent use.
type inquiryTokens struct {
	m sync.Map
	// resolved, when set, is told of an inquiry's execution once it is
	// final, before its workflow task is completed.
	resolved func(context.Context, execution.Execution)
}

// OnInquiryResolved sets f to be told of each inquiry's execution once it
// is answered or expired, before the workflow task waiting on it goes on
// (the local engine ends the pause the inquiry held its workflow in). Call
// it before the enforcer is used.
func (e *Enforcer) OnInquiryResolved(f func(ctx context.Context, x execution.Execution)) {
	e.tokens.resolved = f
}

// Rebind makes the workflow task waiting with token the one inquiry id
// completes, as after a restart the task asks again for the same inquiry.
func (e *Enforcer) Rebind(id, token string) { e.tokens.m.Store(id, token) }

// inquiryResolved tells the resolved hook, if any.
func (e *Enforcer) inquiryResolved(ctx context.Context, x execution.Execution) {
	if e.tokens.resolved != nil {
		e.tokens.resolved(ctx, x)
	}
}

// ask runs a core.ask task of a workflow: a child execution that stays
// pending, an inquiry, and the core.st2.generic.inquiry event; the task
// waits until Respond sends its token.
func (e *Enforcer) ask(ctx context.Context, req RunnerRequest) (RunnerResponse, error) {
	x, _, params, planErr := e.newTask(ctx, req)
	if err := e.store.CreateExecution(ctx, x); err != nil {
		return RunnerResponse{}, fmt.Errorf("recording inquiry execution: %w", err)
	}
	e.traceTask(ctx, x)
	if planErr != nil {
		return e.failAsk(ctx, x, req.TaskToken, planErr)
	}
	for _, to := range []execution.Status{execution.StatusScheduled, execution.StatusRunning, execution.StatusPending} {
		if err := e.move(ctx, x.ID, x.Status, to); err != nil {
			return RunnerResponse{}, err
		}
		x.Status = to
	}
	q := newInquiry(x.ID, params, e.timestamp())
	if err := e.store.CreateInquiry(ctx, q); err != nil {
		return RunnerResponse{}, fmt.Errorf("recording inquiry %s: %w", x.ID, err)
	}
	e.tokens.m.Store(x.ID, req.TaskToken)
	e.publish(ctx, InquiryTrigger, map[string]any{"id": x.ID, "route": q.Route}, x)
	return RunnerResponse{Status: string(execution.StatusPending), ExecutionID: x.ID}, nil
}

// failAsk fails an inquiry that could not be asked, and its task.
func (e *Enforcer) failAsk(ctx context.Context, x execution.Execution, token string, cause error) (RunnerResponse, error) {
	if _, err := e.complete(ctx, x.ID, execution.StatusRequested, execution.StatusFailed, map[string]any{"error": cause.Error()}); err != nil {
		return RunnerResponse{}, err
	}
	if e.taskTokens != nil {
		_ = e.taskTokens.SendTaskFailure(token, "StackStorm.InquiryFailed", cause.Error())
	}
	return failedResponse(x.ID, cause), nil
}

// newInquiry is the inquiry record of a core.ask execution.
func newInquiry(id string, params map[string]any, now time.Time) execution.Inquiry {
	schema, _ := json.Marshal(params["schema"])
	return execution.Inquiry{ID: id, Schema: schema, Roles: toStrings(params["roles"]), Users: toStrings(params["users"]),
		Route: fmt.Sprint(orDefault(params["route"], "")), TTL: toInt(params["ttl"], 0),
		Status: execution.InquiryPending, CreatedAt: now}
}

func orDefault(v, def any) any {
	if v == nil {
		return def
	}
	return v
}

// Respond answers pending inquiry id on behalf of user: the response must
// satisfy the inquiry's schema (ErrInvalidResponse otherwise, and the
// inquiry stays pending). The inquiry and its execution succeed, and the
// workflow task waiting on it continues with the result
// {schema, roles, users, route, ttl, response}. Of two responses, one wins;
// the other fails with execution.ErrConflict.
func (e *Enforcer) Respond(ctx context.Context, id string, response map[string]any, user string) (execution.Inquiry, error) {
	q, err := e.store.GetInquiry(ctx, id)
	if err != nil {
		return execution.Inquiry{}, fmt.Errorf("reading inquiry %s: %w", id, err)
	}
	if err := validateResponse(q.Schema, response); err != nil {
		return execution.Inquiry{}, err
	}
	raw, _ := json.Marshal(response)
	q, err = e.store.ResolveInquiry(ctx, id, execution.Resolution{Status: execution.InquirySucceeded, Response: raw, By: user, At: e.timestamp()})
	if err != nil {
		return execution.Inquiry{}, fmt.Errorf("resolving inquiry %s: %w", id, err)
	}
	result := map[string]any{"schema": json.RawMessage(q.Schema), "roles": q.Roles, "users": q.Users, "route": q.Route, "ttl": q.TTL, "response": response}
	x, err := e.complete(ctx, id, execution.StatusPending, execution.StatusSucceeded, result)
	if err != nil {
		return q, err
	}
	e.inquiryResolved(ctx, x)
	return q, e.resumeTask(id, result)
}

// resumeTask sends the response to the workflow task waiting on id.
func (e *Enforcer) resumeTask(id string, result map[string]any) error {
	token, ok := e.tokens.m.LoadAndDelete(id)
	if !ok || e.taskTokens == nil {
		return nil
	}
	var generic any
	b, _ := json.Marshal(result)
	_ = json.Unmarshal(b, &generic)
	if err := e.taskTokens.SendTaskSuccess(token.(string), generic); err != nil {
		return fmt.Errorf("resuming the workflow of inquiry %s: %w", id, err)
	}
	return nil
}

// validateResponse checks a response against an inquiry's schema, read as
// StackStorm writes them (draft 4, "required: true" on properties).
func validateResponse(schema json.RawMessage, response map[string]any) error {
	var doc any
	if err := json.Unmarshal(schema, &doc); err != nil || doc == nil {
		return nil
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource("inquiry.json", liftRequired(doc)); err != nil {
		return fmt.Errorf("reading inquiry schema: %w", err)
	}
	s, err := c.Compile("inquiry.json")
	if err != nil {
		return fmt.Errorf("compiling inquiry schema: %w", err)
	}
	b, _ := json.Marshal(response)
	v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err := s.Validate(v); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidResponse, err)
	}
	return nil
}

// liftRequired turns properties' boolean "required" into their object's
// "required" list, recursively.
func liftRequired(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	props, _ := m["properties"].(map[string]any)
	var req []any
	for name, p := range props {
		pm, _ := p.(map[string]any)
		if r, isBool := pm["required"].(bool); isBool {
			delete(pm, "required")
			if r {
				req = append(req, name)
			}
		}
		props[name] = liftRequired(pm)
	}
	if len(req) > 0 {
		m["required"] = req
	}
	return m
}

// Expire times out pending inquiry id, as StackStorm's garbage collector
// does once its TTL has passed: the inquiry and its execution end timeout
// and the workflow task waiting on it fails with States.Timeout. An
// inquiry no longer pending fails with execution.ErrConflict.
func (e *Enforcer) Expire(ctx context.Context, id string) error {
	r := execution.Resolution{Status: execution.InquiryTimeout, By: "stormless", At: e.timestamp()}
	if _, err := e.store.ResolveInquiry(ctx, id, r); err != nil {
		return fmt.Errorf("expiring inquiry %s: %w", id, err)
	}
	result := map[string]any{"error": "the inquiry timed out before anyone responded"}
	x, err := e.complete(ctx, id, execution.StatusPending, execution.StatusTimeout, result)
	if err != nil {
		return err
	}
	e.inquiryResolved(ctx, x)
	token, ok := e.tokens.m.LoadAndDelete(id)
	if !ok || e.taskTokens == nil {
		return nil
	}
	if err := e.taskTokens.SendTaskFailure(token.(string), "States.Timeout", "inquiry "+id+" timed out"); err != nil {
		return fmt.Errorf("failing the workflow of inquiry %s: %w", id, err)
	}
	return nil
}

// Expired reports whether a pending inquiry's TTL (minutes; 0 never
// expires) has passed at now.
func Expired(q execution.Inquiry, now time.Time) bool {
	return q.Status == execution.InquiryPending && q.TTL > 0 && now.After(q.CreatedAt.Add(time.Duration(q.TTL)*time.Minute))
}

// AskDirect asks the inquiry of a top-level core.ask execution (one run
// directly, not as a workflow task) the enforce step scheduled: the
// execution moves to running, the inquiry is recorded, the execution moves
// to pending and core.st2.generic.inquiry is emitted. Respond (or Expire) ends it; until
// then the execution stays pending, across restarts too. Parameters that
// fail give a failed execution and the error.
func (e *Enforcer) AskDirect(ctx context.Context, id string, params map[string]any) error {
	if err := e.move(ctx, id, execution.StatusScheduled, execution.StatusRunning); err != nil {
		return err
	}
	q := newInquiry(id, params, e.timestamp())
	if err := e.store.CreateInquiry(ctx, q); err != nil {
		return fmt.Errorf("recording inquiry %s: %w", id, err)
	}
	x, err := e.store.TransitionExecution(ctx, id, execution.Change{From: execution.StatusRunning, To: execution.StatusPending, At: e.timestamp()})
	if err != nil {
		return fmt.Errorf("moving execution %s to pending: %w", id, err)
	}
	e.publish(ctx, InquiryTrigger, map[string]any{"id": id, "route": q.Route}, x)
	return nil
}
