package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
)

// eventBridge is an aws-sdk-go-v2 EventBridge client of the server's AWS
// endpoints, signing with accessKey (the API key, when keys are required).
func (s *server) eventBridge(accessKey string) *eventbridge.Client {
	cfg := aws.Config{Region: "us-east-1", RetryMaxAttempts: 1,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: "unused"}, nil
		})}
	return eventbridge.NewFromConfig(cfg, func(o *eventbridge.Options) { o.BaseEndpoint = aws.String(s.url + "/aws") })
}

// A sensor written against the EventBridge SDK publishes to the local
// runtime with only its endpoint changed: its event fires the rule.
func TestPutEventsFiresRule(t *testing.T) {
	s := startUp(t, shippedPacks, testPacks)
	out, err := s.eventBridge("local").PutEvents(context.Background(), &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{
		Source: aws.String("stormless.core"), DetailType: aws.String("core.st2.webhook"),
		Detail: aws.String(`{"trigger": {"type": "core.st2.webhook", "parameters": {"url": "e2e/hello"}},
			"payload": {"headers": {}, "body": {"name": "EventBridge"}}}`),
	}}})
	if err != nil {
		t.Fatalf("PutEvents: %v", err)
	}
	if out.FailedEntryCount != 0 || len(out.Entries) != 1 || aws.ToString(out.Entries[0].EventId) == "" {
		t.Fatalf("got %+v, want one accepted entry", out.Entries)
	}
	var x execution
	waitFor(t, 30*time.Second, "the rule's execution", func() bool {
		var list []execution
		s.getJSON(t, "/api/v1/executions?rule=e2e.greet_on_webhook", &list)
		if len(list) == 0 || !final(list[0].Status) {
			return false
		}
		x = list[0]
		return true
	})
	if x.Status != "succeeded" || !strings.Contains(string(x.Result), "Hello, EventBridge!") {
		t.Errorf("got %s %s, want succeeded greeting EventBridge", x.Status, x.Result)
	}
}
