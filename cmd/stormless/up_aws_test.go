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
	up := startUp(t, upConfig{set: set, dataDir: t.TempDir()})
	base, out := up.base, up.out
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
	up.stop(t)
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
	base := startUp(t, upConfig{set: set, dataDir: dataDir}).base
	put := func(accessKey string) error { return putPing(t, base, accessKey) }
	var ae smithy.APIError
	if err := put("not-a-key"); !errors.As(err, &ae) || ae.ErrorCode() != "UnrecognizedClientException" {
		t.Errorf("wrong key: got %v, want UnrecognizedClientException", err)
	}
	if err := put(key); err != nil {
		t.Errorf("the API key as access key id: got %v, want accepted", err)
	}
}

// TestUpAWSEndpointsFollowTheFirstKey: on loopback without keys the AWS
// endpoints are open; a key created while up runs closes them at once,
// as it does the REST API.
func TestUpAWSEndpointsFollowTheFirstKey(t *testing.T) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"))
	if err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	base := startUp(t, upConfig{set: set, dataDir: dataDir}).base
	put := func(accessKey string) error { return putPing(t, base, accessKey) }
	for range 3 {
		if err := put("local"); err != nil {
			t.Fatalf("no key yet: got %v, want accepted", err)
		}
	}
	out, errOut, code := runCLI(t, "apikey", "create", "--user", "ann", "--data-dir", dataDir)
	if code != 0 {
		t.Fatalf("creating a key: exit %d (%s)", code, errOut)
	}
	var ae smithy.APIError
	if err := put("local"); !errors.As(err, &ae) || ae.ErrorCode() != "UnrecognizedClientException" {
		t.Errorf("after the first key: got %v, want UnrecognizedClientException", err)
	}
	if err := put(strings.TrimSpace(out)); err != nil {
		t.Errorf("the new key: got %v, want accepted", err)
	}
}

// putPing publishes one event through up's EventBridge endpoint at base,
// signed with accessKey.
func putPing(t *testing.T, base, accessKey string) error {
	client := eventbridge.New(eventbridge.Options{Region: "us-east-1", BaseEndpoint: aws.String(base + "/aws"),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: "any"}, nil
		})})
	_, err := client.PutEvents(t.Context(), &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{
		Source: aws.String("app"), DetailType: aws.String("ping"), Detail: aws.String(`{}`)}}})
	return err
}
