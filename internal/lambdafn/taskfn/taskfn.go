// Package taskfn wires the enforcer and runner functions: the Task
// handlers of the enforcement state machine (enforce and finish steps)
// and of actions and workflow tasks.
package taskfn

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/lambdafn/pythonfn"
	"github.com/stormless/stormless/internal/lambdafn/stepfn"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/builtin"
)

// Handler is a Task function's Lambda handler.
type Handler = func(ctx context.Context, in json.RawMessage) (json.RawMessage, error)

// TokenPutter keeps task tokens (dynamostore.TaskTokenStore).
type TokenPutter interface {
	Put(ctx context.Context, id, token string) error
}

// NewEnforcer returns the enforcer function: enforce.Enforcer.Handle, the
// trigger instances recorded as rules match them. It runs no action, so
// it has no runners.
func NewEnforcer(ctx context.Context, env lambdafn.Env) (Handler, error) {
	enf, _, err := build(ctx, env, runner.NewRegistry())
	if err != nil {
		return nil, fmt.Errorf("starting the enforcer function: %w", err)
	}
	return enf.Handle, nil
}

// NewRunner returns the runner function: Runner over an enforcer with the
// built-in runners.
func NewRunner(ctx context.Context, env lambdafn.Env) (Handler, error) {
	runners, err := runnersOf(env)
	if err != nil {
		return nil, fmt.Errorf("starting the runner function: creating runners: %w", err)
	}
	enf, db, err := build(ctx, env, runners)
	if err != nil {
		return nil, fmt.Errorf("starting the runner function: %w", err)
	}
	return Runner(enf, dynamostore.TaskTokenStore{API: db, Table: env.Table}), nil
}

// runnersOf returns the built-in runners; python-script is the Python
// runner function's (pythonfn) when env names one, since the runner
// function has no Python of its own.
func runnersOf(env lambdafn.Env) (*runner.Registry, error) {
	runners, err := builtin.New()
	if err != nil || env.Getenv == nil || env.Getenv(pythonfn.EnvFunction) == "" {
		return runners, err
	}
	py, err := pythonfn.NewRunner(env)
	if err != nil {
		return nil, err
	}
	runners.Register("python-script", py)
	return runners, nil
}

// build makes the enforcer of env with runners.
func build(_ context.Context, env lambdafn.Env, runners *runner.Registry) (*enforce.Enforcer, *dynamodb.Client, error) {
	if err := env.Require(lambdafn.EnvPacks, lambdafn.EnvTable, lambdafn.EnvEventBus, lambdafn.EnvKVPrefix,
		lambdafn.EnvAccountID, lambdafn.EnvRegion); err != nil {
		return nil, nil, err
	}
	cfg, err := env.AWS()
	if err != nil {
		return nil, nil, err
	}
	_, cat, err := catalog.Compile(env.Packs, env.Region, env.AccountID)
	if err != nil {
		return nil, nil, err
	}
	db := dynamodb.NewFromConfig(cfg)
	store, err := dynamostore.New(db, env.Table)
	if err != nil {
		return nil, nil, err
	}
	kv, err := env.Datastore()
	if err != nil {
		return nil, nil, err
	}
	pub, err := env.Bus()
	if err != nil {
		return nil, nil, err
	}
	steps, err := env.StepFunctions()
	if err != nil {
		return nil, nil, err
	}
	enf, err := enforce.New(cat, store, runners, enforce.WithDatastore(kv), enforce.WithPublisher(pub),
		enforce.WithTriggerInstances(true), enforce.WithWorkflowARN(catalog.WorkflowARN(env.Region, env.AccountID)),
		enforce.WithTaskTokens(stepfn.TaskTokens{Client: steps}))
	return enf, db, err
}

// Runner returns the runner function's handler: enf.Runner, keeping the
// task token of each core.ask task whose inquiry is now pending, so the
// api function can resume the workflow when the inquiry is answered.
func Runner(enf *enforce.Enforcer, tokens TokenPutter) Handler {
	return func(ctx context.Context, in json.RawMessage) (json.RawMessage, error) {
		var req enforce.RunnerRequest
		_ = json.Unmarshal(in, &req) // enf.Runner reports a malformed input
		out, err := enf.Runner(ctx, in)
		if err != nil || req.TaskToken == "" {
			return out, err
		}
		var resp enforce.RunnerResponse
		if err := json.Unmarshal(out, &resp); err != nil {
			return nil, fmt.Errorf("decoding runner output: %w", err)
		}
		if resp.Status == "pending" && resp.ExecutionID != "" {
			if err := tokens.Put(ctx, resp.ExecutionID, req.TaskToken); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
}
