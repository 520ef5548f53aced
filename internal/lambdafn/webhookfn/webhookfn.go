// Package webhookfn wires the webhook function: the REST handler's webhook
// routes over API Gateway, with the same authentication and payload shape
// as stormless up: each accepted trigger instance is recorded in the
// audit table (whether a rule matches it or not), then published to the
// event bus (recordbus).
package webhookfn

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/apigw"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/lambdafn/restfn"
)

// New returns the webhook function's handler. It records every trigger
// instance it accepts before it publishes it (the function writes the
// table's trigger instance items only).
func New(_ context.Context, env lambdafn.Env) (restfn.HTTPHandler, error) {
	if err := env.Require(lambdafn.EnvPacks, lambdafn.EnvTable, lambdafn.EnvEventBus, lambdafn.EnvKVPrefix, lambdafn.EnvRegion); err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	cfg, err := env.AWS()
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	set, err := catalog.Load(env.Packs)
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	store, err := dynamostore.New(dynamodb.NewFromConfig(cfg), env.Table)
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	kv, err := env.Datastore()
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	pub, err := env.Bus()
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	return Handler(&restfn.BusEngine{Set: set, Store: store, Bus: pub, RecordTriggerInstances: true}, store, api.WithDatastore(kv))
}

// Handler returns the webhook handler over eng and store, with opts
// (api.WithDatastore for HMAC secrets): only /api/v1/webhooks/ is
// served, as the user the API Gateway authorizer approved.
func Handler(eng api.Engine, store execution.Store, opts ...api.Option) (restfn.HTTPHandler, error) {
	h, err := api.New(eng, store, append([]api.Option{api.WithAuth(restfn.GatewayAuth{})}, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("starting the webhook function: %w", err)
	}
	return apigw.Handler(restfn.WebhooksOnly(h)), nil
}
