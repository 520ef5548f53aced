package eventbridge

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stormless/stormless/internal/awsapi"
	"github.com/stormless/stormless/internal/awsjson"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

// localEngine is the part of the local runtime awsapi's PutEvents calls:
// it keeps what was published.
type localEngine struct {
	mu     sync.Mutex
	events []bus.Event
}

func (e *localEngine) Packs() *pack.Set { return nil }
func (e *localEngine) Publish(_ context.Context, events ...bus.Event) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.events = append(e.events, events...)
	return nil
}
func (e *localEngine) Submit(context.Context, string, map[string]any, string) (string, error) {
	return "", nil
}
func (e *localEngine) Cancel(context.Context, string, string) (execution.Execution, error) {
	return execution.Execution{}, execution.ErrNotFound
}
func (e *localEngine) Respond(context.Context, string, map[string]any, string) (execution.Inquiry, error) {
	return execution.Inquiry{}, execution.ErrNotFound
}
func (e *localEngine) FailInquiry(context.Context, string, string, string, string) (execution.Inquiry, error) {
	return execution.Inquiry{}, execution.ErrNotFound
}

type noStore struct{}

func (noStore) GetExecution(context.Context, string) (execution.Execution, error) {
	return execution.Execution{}, execution.ErrNotFound
}
func (noStore) GetInquiry(context.Context, string) (execution.Inquiry, error) {
	return execution.Inquiry{}, execution.ErrNotFound
}

// TestJSONAPIOnLocalEndpoint publishes through JSONAPI to the local
// AWS-compatible PutEvents endpoint (internal/awsapi): the wire format
// the functions use on AWS, checked against an independent server.
func TestJSONAPIOnLocalEndpoint(t *testing.T) {
	eng := &localEngine{}
	h, err := awsapi.New(eng, noStore{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "k", SecretAccessKey: "s"}, nil
	})
	c, err := awsjson.New(awsjson.EventBridge, "us-east-1", creds, awsjson.WithEndpoint(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(JSONAPI{Client: c}, WithBusName("stormless"))
	if err != nil {
		t.Fatal(err)
	}
	var sent []bus.Event
	for i := range 12 {
		sent = append(sent, newEvent(t, "local", i))
	}
	if err := p.Publish(t.Context(), sent...); err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	if len(eng.events) != len(sent) {
		t.Fatalf("got %d events on the local bus, want %d", len(eng.events), len(sent))
	}
	for i, e := range eng.events {
		if e.Source != sent[i].Source || e.DetailType != sent[i].DetailType || string(e.Detail) != string(sent[i].Detail) ||
			!e.Time.Equal(sent[i].Time.Truncate(1e9)) {
			t.Errorf("event %d: got %s %s %s %v, want %s %s %s %v", i, e.Source, e.DetailType, e.Detail, e.Time,
				sent[i].Source, sent[i].DetailType, sent[i].Detail, sent[i].Time)
		}
	}
	bad := sent[0]
	bad.Detail = []byte(`[1]`) // passes nothing: Validate refuses it before the wire
	if err := p.Publish(t.Context(), bad); err == nil {
		t.Error("a detail that is not an object: got no error")
	}
}
