// Package webhookfn wires the webhook function: the REST handler's webhook
// routes over API Gateway, with the same authentication and payload shape
// as stormless up, publishing trigger instances to the event bus.
package webhookfn

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/stormless/stormless/internal/api"
	busbridge "github.com/stormless/stormless/internal/bus/eventbridge"
	"github.com/stormless/stormless/internal/datastore/ssmkv"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/apigw"
)

// New returns the webhook function's handler. The function has no table
// access: the enforcer records the trigger instances rules match.
func New(_ context.Context, env lambdafn.Env) (lambdafn.HTTPHandler, error) {
	if err := env.Require(lambdafn.EnvPacks, lambdafn.EnvTable, lambdafn.EnvEventBus, lambdafn.EnvKVPrefix, lambdafn.EnvRegion); err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	cfg, err := env.AWS()
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	set, err := lambdafn.Packs(env.Packs)
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	store, err := dynamostore.New(dynamodb.NewFromConfig(cfg), env.Table)
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	kv, err := ssmkv.New(ssm.NewFromConfig(cfg), ssmkv.WithRoot(lambdafn.KVRoot(env.KVPrefix)))
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	pub, err := busbridge.New(eventbridge.NewFromConfig(cfg), busbridge.WithBusName(env.EventBus))
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	return Handler(&lambdafn.BusEngine{Set: set, Store: store, Bus: pub}, store, api.WithDatastore(kv))
}

// Handler returns the webhook handler over eng and store, with opts
// (api.WithDatastore for HMAC secrets): only /api/v1/webhooks/ is
// served, as the user the API Gateway authorizer approved.
func Handler(eng api.Engine, store execution.Store, opts ...api.Option) (lambdafn.HTTPHandler, error) {
	h, err := api.New(eng, store, append([]api.Option{api.WithAuth(lambdafn.GatewayAuth{})}, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	return apigw.Handler(lambdafn.WebhooksOnly(h)), nil
}
