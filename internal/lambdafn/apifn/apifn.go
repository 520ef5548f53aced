// Package apifn wires the api function: the REST handler of stormless up
// over API Gateway, reading DynamoDB and the SSM datastore, starting runs
// with the Step Functions API (Engine).
package apifn

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/apigw"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/lambdafn/restfn"
	"github.com/stormless/stormless/internal/lambdafn/stepfn"
	"github.com/stormless/stormless/internal/runner"
)

// New returns the api function's handler. Its enforcer runs no action
// (the runner function does); it answers inquiries.
func New(ctx context.Context, env lambdafn.Env) (restfn.HTTPHandler, error) {
	h, err := build(ctx, env)
	if err != nil {
		return nil, fmt.Errorf("starting the api function: %w", err)
	}
	return h, nil
}

func build(_ context.Context, env lambdafn.Env) (restfn.HTTPHandler, error) {
	if err := env.Require(lambdafn.EnvPacks, lambdafn.EnvTable, lambdafn.EnvEventBus, lambdafn.EnvKVPrefix,
		lambdafn.EnvEnforceMachine, lambdafn.EnvAccountID, lambdafn.EnvRegion); err != nil {
		return nil, err
	}
	cfg, err := env.AWS()
	if err != nil {
		return nil, err
	}
	set, cat, err := catalog.Compile(env.Packs, env.Region, env.AccountID)
	if err != nil {
		return nil, err
	}
	db := dynamodb.NewFromConfig(cfg)
	store, err := dynamostore.New(db, env.Table)
	if err != nil {
		return nil, err
	}
	kv, err := env.Datastore()
	if err != nil {
		return nil, err
	}
	pub, err := env.Bus()
	if err != nil {
		return nil, err
	}
	steps, err := env.StepFunctions()
	if err != nil {
		return nil, err
	}
	enf, err := enforce.New(cat, store, runner.NewRegistry(), enforce.WithDatastore(kv), enforce.WithPublisher(pub),
		enforce.WithWorkflowARN(catalog.WorkflowARN(env.Region, env.AccountID)), enforce.WithTaskTokens(stepfn.TaskTokens{Client: steps}))
	if err != nil {
		return nil, err
	}
	eng := &Engine{
		BusEngine: &restfn.BusEngine{Set: set, Store: store, Bus: pub, RecordTriggerInstances: true},
		Enforcer:  enf, SFN: steps, EnforceMachine: env.EnforceMachine,
		Tokens: dynamostore.TaskTokenStore{API: db, Table: env.Table}, Region: env.Region, Account: env.AccountID,
	}
	return Handler(eng, api.WithDatastore(kv))
}

// Handler returns the api function's handler over eng, with opts: the
// REST handler as the user API Gateway's authorizer approved, without the
// event stream.
func Handler(eng *Engine, opts ...api.Option) (restfn.HTTPHandler, error) {
	h, err := api.New(eng, eng.Store, append([]api.Option{api.WithAuth(restfn.GatewayAuth{})}, opts...)...)
	if err != nil {
		return nil, err
	}
	return apigw.Handler(restfn.NoStream(h)), nil
}
