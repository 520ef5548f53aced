package webhookfn

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution/sqlitestore"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/lambdafn/restfn"
)

// recordingBus is the event bus as the function sees it.
type recordingBus struct {
	mu     sync.Mutex
	events []bus.Event
}

func (b *recordingBus) Publish(_ context.Context, events ...bus.Event) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events = append(b.events, events...)
	return nil
}

func handler(t *testing.T) (func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error), *recordingBus) {
	t.Helper()
	set, err := catalog.Load(filepath.Join("..", "..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "audit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	pub := &recordingBus{}
	h, err := Handler(&restfn.BusEngine{Set: set, Store: store, Bus: pub, RecordTriggerInstances: true}, store)
	if err != nil {
		t.Fatal(err)
	}
	return h, pub
}

func fixture(t *testing.T, edit func(*events.APIGatewayV2HTTPRequest)) events.APIGatewayV2HTTPRequest {
	t.Helper()
	b, err := os.ReadFile("testdata/post-webhook.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&ev)
	}
	return ev
}

func TestWebhook(t *testing.T) {
	h, pub := handler(t)
	resp, err := h(t.Context(), fixture(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("got %d %s, want 202", resp.StatusCode, resp.Body)
	}
	if len(pub.events) != 1 {
		t.Fatalf("got %d events on the bus, want 1", len(pub.events))
	}
	ev := pub.events[0]
	d, err := ev.TriggerDetail()
	if err != nil {
		t.Fatal(err)
	}
	if ev.DetailType != "core.st2.webhook" || d.Trigger.Parameters["url"] != "sample" || !strings.Contains(string(d.Payload), `"body":{"name":"Ada"}`) {
		t.Errorf("got %s %+v %s, want a core.st2.webhook event for url sample with the body", ev.DetailType, d.Trigger, d.Payload)
	}
	if !strings.Contains(resp.Body, d.ID) {
		t.Errorf("response %s does not name trigger instance %s", resp.Body, d.ID)
	}
}

func TestWebhookRefusals(t *testing.T) {
	tests := []struct {
		name string
		edit func(*events.APIGatewayV2HTTPRequest)
		want int
	}{
		{"not approved by the authorizer", func(e *events.APIGatewayV2HTTPRequest) { e.RequestContext.Authorizer = nil }, http.StatusUnauthorized},
		{"not a webhook route", func(e *events.APIGatewayV2HTTPRequest) {
			e.RawPath, e.RequestContext.HTTP.Method = "/api/v1/executions", "GET"
		}, http.StatusNotFound},
		{"unknown webhook", func(e *events.APIGatewayV2HTTPRequest) { e.RawPath = "/api/v1/webhooks/nope" }, http.StatusNotFound},
		{"malformed JSON", func(e *events.APIGatewayV2HTTPRequest) {
			e.Body = base64.StdEncoding.EncodeToString([]byte(`{"name":`))
		}, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, pub := handler(t)
			resp, err := h(t.Context(), fixture(t, tt.edit))
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.want || !strings.Contains(resp.Body, "faultstring") {
				t.Errorf("got %d %s, want %d with a faultstring", resp.StatusCode, resp.Body, tt.want)
			}
			if len(pub.events) != 0 {
				t.Errorf("got %d events published, want none", len(pub.events))
			}
		})
	}
}
