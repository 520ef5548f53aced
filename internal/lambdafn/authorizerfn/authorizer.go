// Package authorizerfn wires the authorizer function: the HTTP API's
// Lambda authorizer over the hashed API keys in the table.
package authorizerfn

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/apikey/dynamokeys/lookup"
	"github.com/stormless/stormless/internal/lambdafn"
)

// Where a request carries its API key, as the REST API reads it
// (api.APIKeyHeader, api.APIKeyParam).
const (
	keyHeader = "St2-Api-Key"
	keyParam  = "st2-api-key"
)

// Authorizer is the HTTP API's Lambda authorizer (simple responses): a
// request is authorised when it carries an enabled API key, in the
// St2-Api-Key header or the st2-api-key query parameter, as locally;
// GET /api/v1/health needs none. The key's user goes to the integration
// in the authorizer context ("user").
type Authorizer struct {
	// Keys reads the table (a DynamoDB client).
	Keys  lookup.GetItemAPI
	Table string
}

// Handle authorises one request. An unknown, disabled or missing key is
// refused (API Gateway answers 403); an error reading the keys is returned
// (API Gateway answers 500), never taken as a refusal or an approval.
func (a *Authorizer) Handle(ctx context.Context, req events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error) {
	method := req.RequestContext.HTTP.Method
	if method == "GET" && req.RawPath == "/api/v1/health" {
		return events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: true}, nil
	}
	user, err := lookup.User(ctx, a.Keys, a.Table, apiKey(req))
	if errors.Is(err, lookup.ErrUnknown) {
		return events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: false}, nil
	}
	if err != nil {
		return events.APIGatewayV2CustomAuthorizerSimpleResponse{}, fmt.Errorf("authorizing %s %s: %w", method, req.RawPath, err)
	}
	return events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: true, Context: map[string]any{"user": user}}, nil
}

// apiKey returns the key a request carries: the header (any case), else
// the query parameter.
func apiKey(req events.APIGatewayV2CustomAuthorizerV2Request) string {
	for k, v := range req.Headers {
		if strings.EqualFold(k, keyHeader) {
			return v
		}
	}
	if v := req.QueryStringParameters[keyParam]; v != "" {
		return v
	}
	q, _ := url.ParseQuery(req.RawQueryString)
	return q.Get(keyParam)
}

// New returns the authorizer function over the table's keys.
func New(_ context.Context, env lambdafn.Env) (*Authorizer, error) {
	if err := env.Require(lambdafn.EnvTable, lambdafn.EnvRegion); err != nil {
		return nil, fmt.Errorf("starting the authorizer function: %w", err)
	}
	cfg, err := env.AWS()
	if err != nil {
		return nil, fmt.Errorf("starting the authorizer function: %w", err)
	}
	return &Authorizer{Keys: dynamodb.NewFromConfig(cfg), Table: env.Table}, nil
}
