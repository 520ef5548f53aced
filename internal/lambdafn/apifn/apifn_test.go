package apifn

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// request is an API Gateway event approved for alice by the authorizer.
func request(method, path, body string) events.APIGatewayV2HTTPRequest {
	return events.APIGatewayV2HTTPRequest{
		Version: "2.0", RawPath: path, Body: body,
		Headers: map[string]string{"content-type": "application/json"},
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			HTTP:       events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: path},
			Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: map[string]any{"user": "alice"}},
		},
	}
}

func TestHandler(t *testing.T) {
	eng, sfn, _ := newEngine(t)
	h, err := Handler(eng)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := h(t.Context(), request("POST", "/api/v1/executions", `{"action":"core.local","parameters":{"cmd":"date"}}`))
	if err != nil {
		t.Fatal(err)
	}
	var x struct {
		ID string `json:"id"`
	}
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(resp.Body), &x) != nil || x.ID == "" {
		t.Fatalf("run: got %d %s, want 201 with the execution", resp.StatusCode, resp.Body)
	}
	if len(sfn.calls) != 1 || !strings.Contains(sfn.calls[0], `"user":"alice"`) {
		t.Errorf("got calls %q, want one start on behalf of alice", sfn.calls)
	}
	resp, err = h(t.Context(), request("GET", "/api/v1/executions/"+x.ID, ""))
	if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, `"core.local"`) {
		t.Errorf("get: got %d %s, %v; want the execution", resp.StatusCode, resp.Body, err)
	}
	resp, _ = h(t.Context(), request("GET", "/stream/v1/stream", ""))
	if resp.StatusCode != http.StatusNotImplemented {
		t.Errorf("stream: got %d, want 501", resp.StatusCode)
	}
	bad := request("POST", "/api/v1/executions", `{"action":"core.nope"}`)
	if resp, _ = h(t.Context(), bad); resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown action: got %d %s, want 400 or 404", resp.StatusCode, resp.Body)
	}
	if len(sfn.calls) != 1 {
		t.Errorf("a refused run started a state machine: %q", sfn.calls)
	}
	unapproved := request("GET", "/api/v1/executions", "")
	unapproved.RequestContext.Authorizer = nil
	if resp, _ = h(t.Context(), unapproved); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("not approved by the authorizer: got %d, want 401", resp.StatusCode)
	}
}
