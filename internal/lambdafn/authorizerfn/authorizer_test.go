package authorizerfn

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/apikey/dynamokeys"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/testutil/dynalite"
)

func request(t *testing.T, edit func(*events.APIGatewayV2CustomAuthorizerV2Request)) events.APIGatewayV2CustomAuthorizerV2Request {
	t.Helper()
	b, err := os.ReadFile("testdata/request.json")
	if err != nil {
		t.Fatal(err)
	}
	var r events.APIGatewayV2CustomAuthorizerV2Request
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	edit(&r)
	return r
}

func TestAuthorizer(t *testing.T) {
	srv := dynalite.Start(t)
	client := srv.Client()
	table := dynalite.TableName("auth")
	if err := dynamostore.CreateTable(t.Context(), client, table); err != nil {
		t.Fatal(err)
	}
	keys, err := dynamokeys.New(client, table)
	if err != nil {
		t.Fatal(err)
	}
	_, secret, err := keys.Create(t.Context(), "alice", nil)
	if err != nil {
		t.Fatal(err)
	}
	a := &Authorizer{Keys: client, Table: table}
	tests := []struct {
		name     string
		edit     func(*events.APIGatewayV2CustomAuthorizerV2Request)
		want     bool
		wantUser string
	}{
		{"header", func(r *events.APIGatewayV2CustomAuthorizerV2Request) { r.Headers["st2-api-key"] = secret }, true, "alice"},
		{"header in another case", func(r *events.APIGatewayV2CustomAuthorizerV2Request) { r.Headers["St2-Api-Key"] = secret }, true, "alice"},
		{"query parameter", func(r *events.APIGatewayV2CustomAuthorizerV2Request) {
			r.RawQueryString = "limit=5&st2-api-key=" + secret
		}, true, "alice"},
		{"no key", func(*events.APIGatewayV2CustomAuthorizerV2Request) {}, false, ""},
		{"wrong key", func(r *events.APIGatewayV2CustomAuthorizerV2Request) { r.Headers["st2-api-key"] = secret + "x" }, false, ""},
		{"health needs none", func(r *events.APIGatewayV2CustomAuthorizerV2Request) {
			r.RawPath, r.RequestContext.HTTP.Method = "/api/v1/health", "GET"
		}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := a.Handle(t.Context(), request(t, tt.edit))
			if err != nil {
				t.Fatal(err)
			}
			if got.IsAuthorized != tt.want || tt.wantUser != "" && got.Context["user"] != tt.wantUser {
				t.Errorf("got %+v, want authorized %v as %q", got, tt.want, tt.wantUser)
			}
		})
	}
	down := &Authorizer{Keys: failing{}, Table: table}
	if _, err := down.Handle(t.Context(), request(t, func(r *events.APIGatewayV2CustomAuthorizerV2Request) { r.Headers["st2-api-key"] = secret })); err == nil {
		t.Error("table unreadable: got no error, want one (API Gateway answers 500, never approves)")
	}
}

// TestKeyPlaces keeps the authorizer reading keys where the REST API does.
func TestKeyPlaces(t *testing.T) {
	if keyHeader != api.APIKeyHeader || keyParam != api.APIKeyParam {
		t.Errorf("got %s and %s, want the API's %s and %s", keyHeader, keyParam, api.APIKeyHeader, api.APIKeyParam)
	}
}

type failing struct{}

func (failing) GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	return nil, errors.New("AccessDeniedException")
}
