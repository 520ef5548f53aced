package apigw

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// FuzzHandler feeds arbitrary API Gateway events to the adapter: it never
// panics, and answers 400 or calls the handler.
func FuzzHandler(f *testing.F) {
	f.Add(`{"rawPath":"/api/v1/webhooks/x","requestContext":{"http":{"method":"POST"}},"body":"e30=","isBase64Encoded":true}`)
	f.Add(`{"rawPath":"/a b","rawQueryString":"%%","requestContext":{"http":{"method":"GET"}}}`)
	f.Add(`{"rawPath":"//x?y#z","cookies":["a"],"headers":{"host":"h"},"requestContext":{"http":{"method":"P\nUT"}}}`)
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(299) }))
	f.Fuzz(func(t *testing.T, raw string) {
		var ev events.APIGatewayV2HTTPRequest
		if json.Unmarshal([]byte(raw), &ev) != nil {
			return
		}
		resp, err := h(context.Background(), ev)
		if err != nil || resp.StatusCode != 299 && resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("got %d, %v; want 299 or 400", resp.StatusCode, err)
		}
	})
}
