package awsapi_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"

	"github.com/stormless/stormless/internal/awsapi"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/local"
	"github.com/stormless/stormless/internal/workflow"
)

// engine adapts *local.Engine to awsapi.Engine, as stormless up does.
type engine struct{ *local.Engine }

func (e engine) Submit(ctx context.Context, ref string, params map[string]any, user string) (string, error) {
	return e.Engine.Submit(ctx, ref, params, local.AsUser(user))
}

// server is the AWS endpoints at /aws/ over a started local engine, and
// SDK clients pointed at them.
type server struct {
	*httptest.Server
	engine *local.Engine
	events *eventbridge.Client
	sfn    *sfn.Client
}

// newServer starts an engine over the shipped packs and the test pack and
// serves the endpoints under /aws/, as stormless up does.
func newServer(t testing.TB, opts ...awsapi.Option) *server {
	t.Helper()
	kv, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	e, err := local.New(local.WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")),
		local.WithDataDir(t.TempDir()), local.WithDatastore(kv), local.WithTimers(false),
		local.WithErrorHandler(func(err error) { t.Logf("engine: %v", err) }))
	if err != nil {
		t.Fatalf("creating engine: %v", err)
	}
	if err := e.Start(t.Context()); err != nil {
		t.Fatalf("starting engine: %v", err)
	}
	h, err := awsapi.New(engine{e}, e.Store(), opts...)
	if err != nil {
		t.Fatalf("creating endpoints: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/aws", h) // the SDKs post to the endpoint's path itself
	mux.Handle("/aws/", h)
	s := &server{Server: httptest.NewServer(mux), engine: e}
	s.events, s.sfn = clients(s.URL+"/aws", "AKIDLOCAL")
	t.Cleanup(func() {
		s.Close()
		if err := e.Close(); err != nil {
			t.Errorf("closing engine: %v", err)
		}
	})
	return s
}

// clients returns SDK clients of endpoint signing with access key id key.
func clients(endpoint, key string) (*eventbridge.Client, *sfn.Client) {
	cfg := aws.Config{Region: "us-east-1", RetryMaxAttempts: 1,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: key, SecretAccessKey: "unused"}, nil
		})}
	eb := eventbridge.NewFromConfig(cfg, func(o *eventbridge.Options) { o.BaseEndpoint = aws.String(endpoint) })
	sf := sfn.NewFromConfig(cfg, func(o *sfn.Options) { o.BaseEndpoint = aws.String(endpoint) })
	return eb, sf
}

// machineARN is the ARN of workflow action ref's state machine.
func machineARN(ref string) string {
	return workflow.StateMachineARN("us-east-1", "123456789012", ref)
}

// waitStatus polls DescribeExecution until the status is not RUNNING.
func (s *server) waitStatus(t *testing.T, arn string) *sfn.DescribeExecutionOutput {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		out, err := s.sfn.DescribeExecution(t.Context(), &sfn.DescribeExecutionInput{ExecutionArn: &arn})
		if err != nil {
			t.Fatalf("describing %s: %v", arn, err)
		}
		if out.Status != sfntypes.ExecutionStatusRunning {
			return out
		}
	}
	t.Fatalf("execution %s never ended", arn)
	return nil
}

// waitExecution polls the store until an execution q selects is final.
func (s *server) waitExecution(t *testing.T, q execution.ExecutionQuery) execution.Execution {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		page, err := s.engine.Store().ListExecutions(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 0 && page.Items[0].Status.Final() {
			return page.Items[0]
		}
	}
	t.Fatalf("no final execution for %+v", q)
	return execution.Execution{}
}

// apiCode returns the AWS error code of err, "" when it has none.
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}
