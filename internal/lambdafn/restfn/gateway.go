// Package restfn holds what the api and webhook functions share: the
// REST handler's engine that publishes to the bus (BusEngine), the
// authentication API Gateway's authorizer did (GatewayAuth), and the
// route filters of each function.
package restfn

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/lambdafn/apigw"
)

// HTTPHandler is the Lambda handler of an API Gateway HTTP API function.
type HTTPHandler = func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// GatewayAuth is the api.Authenticator of functions behind the HTTP API's
// Lambda authorizer: the authorizer checked the key, and the request acts
// as the user it put in its context. A request the authorizer did not
// approve (no authorizer context) is unauthorized.
type GatewayAuth struct{}

var _ api.Authenticator = GatewayAuth{}

// Authenticate returns the user API Gateway's authorizer approved.
func (GatewayAuth) Authenticate(ctx context.Context, _ string) (string, error) {
	if u, ok := apigw.Authorizer(ctx)["user"].(string); ok && u != "" {
		return u, nil
	}
	return "", fmt.Errorf("no user from the API Gateway authorizer: %w", api.ErrUnauthorized)
}

// WebhooksOnly serves only the webhook routes of h (the webhook function's
// share of the API); anything else is 404 in the API's error shape.
func WebhooksOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/v1/webhooks/") {
			notServed(w, http.StatusNotFound, "the webhook function serves /api/v1/webhooks/ only")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// NoStream refuses the event stream, which a buffered Lambda response
// cannot carry.
func NoStream(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/stream/") {
			notServed(w, http.StatusNotImplemented, "the event stream is not served over API Gateway; poll /api/v1/executions")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// notServed answers status with a StackStorm-shaped fault.
func notServed(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, "{\"faultstring\":%q}\n", msg)
}
