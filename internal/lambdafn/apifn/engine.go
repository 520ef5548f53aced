package apifn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn/restfn"
	"github.com/stormless/stormless/internal/lambdafn/stepfn"
	"github.com/stormless/stormless/internal/workflow"
)

// SFNAPI is the part of Step Functions the engine calls (stepfn.Client).
// StopExecution fails with an error wrapping
// stepfn.ErrExecutionDoesNotExist for an unknown execution.
type SFNAPI interface {
	StartExecution(ctx context.Context, machine, name, input string) error
	StopExecution(ctx context.Context, arn, errName, cause string) error
}

// TokenGetter reads the task tokens the runner function kept
// (dynamostore.TaskTokenStore).
type TokenGetter interface {
	Get(ctx context.Context, id string) (string, error)
}

// Engine is the api.Engine of the api function: trigger instances are
// recorded and put on the event bus (restfn.BusEngine), runs start the
// enforcement state machine, inquiry responses resume their workflow
// through the task token the runner kept, cancels stop state machine
// executions. It is safe for concurrent use.
type Engine struct {
	*restfn.BusEngine
	Enforcer *enforce.Enforcer
	SFN      SFNAPI
	// EnforceMachine is the ARN of the enforcement state machine.
	EnforceMachine string
	Tokens         TokenGetter
	// Region and Account name workflow machines for Cancel.
	Region, Account string
	// AwaitRecorded bounds how long Submit waits for the execution record
	// (default 10 s).
	AwaitRecorded time.Duration
}

var (
	_ api.Engine   = (*Engine)(nil)
	_ api.Canceler = (*Engine)(nil)
)

// Submit starts a direct run of ref on the enforcement machine (its
// execution named after the new execution id) and waits until the
// execution is recorded, or AwaitRecorded passed (the id is returned
// either way: the run goes on).
func (e *Engine) Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error) {
	id := execution.NewID()
	if params == nil {
		params = map[string]any{}
	}
	input, err := json.Marshal(map[string]any{"action": ref, "parameters": params, "user": user, "id": id})
	if err != nil {
		return "", fmt.Errorf("submitting %s: encoding input: %w", ref, err)
	}
	if err := e.SFN.StartExecution(ctx, e.EnforceMachine, id, string(input)); err != nil {
		return "", fmt.Errorf("submitting %s: starting the enforcement machine: %w", ref, err)
	}
	wait := e.AwaitRecorded
	if wait <= 0 {
		wait = 10 * time.Second
	}
	deadline := time.Now().Add(wait)
	for pause := 20 * time.Millisecond; time.Now().Before(deadline); pause = min(2*pause, 500*time.Millisecond) {
		if _, err := e.Store.GetExecution(ctx, id); err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return id, nil
		case <-time.After(pause):
		}
	}
	return id, nil
}

// Respond answers inquiry id: the task token its runner kept goes back to
// the enforcer, which validates the answer, records it and resumes the
// workflow.
func (e *Engine) Respond(ctx context.Context, id string, response map[string]any, user string) (execution.Inquiry, error) {
	token, err := e.Tokens.Get(ctx, id)
	switch {
	case err == nil:
		e.Enforcer.Rebind(id, token)
	case !errors.Is(err, dynamostore.ErrNoTaskToken):
		return execution.Inquiry{}, err
	}
	return e.Enforcer.Respond(ctx, id, response, user)
}

// Cancel moves execution id to canceling and stops its state machine
// execution (the workflow's, else the enforcement machine's direct run
// named after it); the recorder moves it to canceled when Step Functions
// reports the stop. When no state machine execution has its name (a task,
// or a rule's run), the record alone moves to canceled: its Lambda, if
// running, finishes but its outcome is not recorded over the cancel.
func (e *Engine) Cancel(ctx context.Context, id string, user string) (execution.Execution, error) {
	x, err := e.Store.GetExecution(ctx, id)
	if err != nil {
		return x, err
	}
	if x.Status.Final() {
		return x, fmt.Errorf("canceling execution %s: already %s: %w", id, x.Status, execution.ErrConflict)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if x.Status != execution.StatusCanceling {
		if x, err = e.Store.TransitionExecution(ctx, id, execution.Change{From: x.Status, To: execution.StatusCanceling, At: now}); err != nil {
			return x, fmt.Errorf("canceling execution %s: %w", id, err)
		}
	}
	stopped := false
	for _, arn := range e.executionARNs(x) {
		err := e.SFN.StopExecution(ctx, arn, "StackStorm.Canceled", "canceled by "+user)
		switch {
		case err == nil:
			stopped = true
		case !errors.Is(err, stepfn.ErrExecutionDoesNotExist):
			return x, fmt.Errorf("canceling execution %s: stopping its state machine: %w", id, err)
		}
	}
	if stopped {
		return x, nil
	}
	return e.Store.TransitionExecution(ctx, id, execution.Change{From: execution.StatusCanceling, To: execution.StatusCanceled, At: now})
}

// executionARNs are the state machine executions that may run x.
func (e *Engine) executionARNs(x execution.Execution) []string {
	var out []string
	workflowRun := x.Runner.Name == "orquesta" || x.Runner.Name == "action-chain"
	if workflowRun && e.Region != "" && e.Account != "" {
		out = append(out, "arn:aws:states:"+e.Region+":"+e.Account+":execution:"+workflow.StateMachineName(x.Action.Ref)+":"+x.ID)
	}
	if i := strings.Index(e.EnforceMachine, ":stateMachine:"); i >= 0 {
		out = append(out, e.EnforceMachine[:i]+":execution:"+e.EnforceMachine[i+len(":stateMachine:"):]+":"+x.ID)
	}
	return out
}
