package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/smithy-go"

	"github.com/stormless/stormless/internal/pack"
)

// TestUpServesPutEvents publishes the example webhook's trigger through
// the EventBridge SDK pointed at up's /aws endpoint, as a sensor written
// for AWS would, and sees the example rule run.
func TestUpServesPutEvents(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	urls := make(chan string, 1)
	var out, errOut syncBuffer
	done := make(chan error, 1)
	cfg := upConfig{set: set, dataDir: t.TempDir(), listen: "127.0.0.1:0"}
	go func() { done <- serveUp(ctx, &out, &errOut, cfg, func(u string) { urls <- u }) }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("up ended before serving: %v (%s)", err, errOut.String())
	}
	if !strings.Contains(out.String(), base+"/aws") {
		t.Errorf("got %q, want the AWS endpoint printed", out.String())
	}
	client := eventbridge.New(eventbridge.Options{Region: "us-east-1", BaseEndpoint: aws.String(base + "/aws"),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "local", SecretAccessKey: "local"}, nil
		})})
	detail := `{"trigger": {"type": "core.st2.webhook", "parameters": {"url": "sample"}}, "payload": {"headers": {}, "body": {"name": "Ada"}}}`
	res, err := client.PutEvents(t.Context(), &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{
		Source: aws.String("stormless.core"), DetailType: aws.String("core.st2.webhook"), Detail: aws.String(detail)}}})
	if err != nil || res.FailedEntryCount != 0 {
		t.Fatalf("PutEvents: %v %+v", err, res)
	}
	if e := waitGreeting(t, base); !strings.Contains(string(e.Result), "Hello, Ada!") {
		t.Errorf("got result %s, want the greeting", e.Result)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("got %v on shutdown, want nil", err)
	}
}

// TestUpAWSEndpointsRequireKeys: with an API key in the data directory,
// up's AWS endpoints take it as the SigV4 access key id and refuse others.
func TestUpAWSEndpointsRequireKeys(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	out, errOut, code := runCLI(t, "apikey", "create", "--user", "ann", "--data-dir", dataDir)
	if code != 0 {
		t.Fatalf("creating a key: exit %d (%s)", code, errOut)
	}
	key := strings.TrimSpace(out)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	urls := make(chan string, 1)
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	cfg := upConfig{set: set, dataDir: dataDir, listen: "127.0.0.1:0"}
	go func() { done <- serveUp(ctx, &stdout, &stderr, cfg, func(u string) { urls <- u }) }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("up ended before serving: %v (%s)", err, stderr.String())
	}
	put := func(accessKey string) error {
		client := eventbridge.New(eventbridge.Options{Region: "us-east-1", BaseEndpoint: aws.String(base + "/aws"),
			Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: "any"}, nil
			})})
		_, err := client.PutEvents(t.Context(), &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{
			Source: aws.String("app"), DetailType: aws.String("ping"), Detail: aws.String(`{}`)}}})
		return err
	}
	var ae smithy.APIError
	if err := put("not-a-key"); !errors.As(err, &ae) || ae.ErrorCode() != "UnrecognizedClientException" {
		t.Errorf("wrong key: got %v, want UnrecognizedClientException", err)
	}
	if err := put(key); err != nil {
		t.Errorf("the API key as access key id: got %v, want accepted", err)
	}
	cancel()
	<-done
}
