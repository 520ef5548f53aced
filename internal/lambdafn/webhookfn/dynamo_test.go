package webhookfn

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/execution/dynamostore"
	"github.com/stormless/stormless/internal/lambdafn/catalog"
	"github.com/stormless/stormless/internal/lambdafn/restfn"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/testutil/dynalite"
)

// downBus is EventBridge failing every entry.
type downBus struct{}

func (downBus) Publish(_ context.Context, events ...bus.Event) error {
	var res bus.Results
	for i, e := range events {
		res.Fail(i, e.ID, errors.New("InternalFailure"))
	}
	return res.Err(len(events))
}

// dynamoWebhook returns the webhook handler as New wires it (recording
// trigger instances), over a table in dynalite, publishing to pub.
func dynamoWebhook(t *testing.T, pub bus.Publisher) (restfn.HTTPHandler, *dynamostore.Store) {
	t.Helper()
	srv := dynalite.Start(t)
	table := dynalite.TableName("webhook")
	if err := dynamostore.CreateTable(t.Context(), srv.Client(), table); err != nil {
		t.Fatal(err)
	}
	store, err := dynamostore.New(dynalite.NewTxClient(srv.Client()), table)
	if err != nil {
		t.Fatal(err)
	}
	set, err := catalog.Load(filepath.Join("..", "..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	h, err := Handler(&restfn.BusEngine{Set: set, Store: store, Bus: pub, RecordTriggerInstances: true}, store)
	if err != nil {
		t.Fatal(err)
	}
	return h, store
}

func post(t *testing.T, h restfn.HTTPHandler, body string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	resp, err := h(t.Context(), fixture(t, func(e *events.APIGatewayV2HTTPRequest) {
		e.Body = base64.StdEncoding.EncodeToString([]byte(body))
	}))
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// TestEveryInstanceRecorded posts a webhook no rule's criteria match and
// one that matches, and runs the enforcer's enforce step on the latter as
// the enforcement machine does: both instances are recorded once, the
// enforcer's write of the same id does not conflict.
func TestEveryInstanceRecorded(t *testing.T) {
	pub := &recordingBus{}
	h, store := dynamoWebhook(t, pub)
	ctx := t.Context()
	for _, body := range []string{`{"nobody":"here"}`, `{"name":"Ada"}`} {
		if resp := post(t, h, body); resp.StatusCode != http.StatusAccepted {
			t.Fatalf("%s: got %d %s, want 202", body, resp.StatusCode, resp.Body)
		}
	}
	if len(pub.events) != 2 {
		t.Fatalf("got %d events, want 2", len(pub.events))
	}
	for _, ev := range pub.events {
		d, _ := ev.TriggerDetail()
		ti, err := store.GetTriggerInstance(ctx, d.ID)
		if err != nil || ti.Status != execution.TriggerProcessed || ti.Trigger != "core.st2.webhook" || ti.TriggerParameters["url"] != "sample" {
			t.Errorf("trigger instance %s: got %+v, %v; want it recorded processed", d.ID, ti, err)
		}
	}

	_, cat, err := catalog.Compile(filepath.Join("..", "..", "..", "packs"), "eu-west-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	enf, err := enforce.New(cat, store, runner.NewRegistry(), enforce.WithTriggerInstances(true))
	if err != nil {
		t.Fatal(err)
	}
	matched := pub.events[1]
	raw, _ := json.Marshal(matched)
	in, _ := json.Marshal(map[string]any{"step": "enforce", "rule": "examples.greet_on_webhook", "event": json.RawMessage(raw)})
	out, err := enf.Handle(ctx, in)
	if err != nil {
		t.Fatalf("enforce step after the webhook recorded the instance: %v", err)
	}
	if !strings.Contains(string(out), `"outcome":"action"`) {
		t.Errorf("enforce step: got %s, want outcome action", out)
	}
	page, err := store.ListTriggerInstances(ctx, execution.TriggerInstanceQuery{})
	if err != nil || len(page.Items) != 2 {
		t.Errorf("got %d trigger instances, %v; want 2 (one per webhook, none twice)", len(page.Items), err)
	}
}

// TestPublishFailureRecorded: when EventBridge refuses the event the
// caller gets an error and the record says processing_failed.
func TestPublishFailureRecorded(t *testing.T) {
	h, store := dynamoWebhook(t, downBus{})
	resp := post(t, h, `{"name":"Ada"}`)
	if resp.StatusCode < 500 {
		t.Fatalf("got %d %s, want a server error", resp.StatusCode, resp.Body)
	}
	page, err := store.ListTriggerInstances(t.Context(), execution.TriggerInstanceQuery{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("got %d trigger instances, %v; want 1", len(page.Items), err)
	}
	if got := page.Items[0].Status; got != execution.TriggerProcessingFailed {
		t.Errorf("got status %s, want %s", got, execution.TriggerProcessingFailed)
	}
}
