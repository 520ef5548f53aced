package awsapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/awsapi"
	"github.com/stormless/stormless/internal/execution"
)

// post sends body to the endpoints with target and returns the status and
// the decoded AWS error body.
func post(t *testing.T, s *server, method, target, body string, header map[string]string) (int, map[string]string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL+"/aws/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]string
	_ = json.Unmarshal(raw, &out)
	if out["__type"] != "" && resp.Header.Get("X-Amzn-ErrorType") != out["__type"] {
		t.Errorf("got X-Amzn-ErrorType %q, want %q", resp.Header.Get("X-Amzn-ErrorType"), out["__type"])
	}
	return resp.StatusCode, out
}

func TestBadRequests(t *testing.T) {
	s := newServer(t)
	entry := func(detail string) string {
		b, _ := json.Marshal(map[string]any{"Source": "app", "DetailType": "t", "Detail": detail})
		return string(b)
	}
	eleven := strings.TrimSuffix(strings.Repeat(entry("{}")+",", 11), ",")
	tests := []struct {
		name, method, target, body string
		status                     int
		code                       string
	}{
		{"malformed JSON", "POST", "AWSEvents.PutEvents", `{"Entries": [`, 400, "SerializationException"},
		{"wrong JSON type", "POST", "AWSEvents.PutEvents", `{"Entries": "all of them"}`, 400, "SerializationException"},
		{"unknown target", "POST", "AWSEvents.PutRule", `{}`, 400, "UnknownOperationException"},
		{"no target", "POST", "", `{}`, 400, "UnknownOperationException"},
		{"GET", "GET", "AWSEvents.PutEvents", ``, 405, "UnknownOperationException"},
		{"no entries", "POST", "AWSEvents.PutEvents", `{"Entries": []}`, 400, "ValidationException"},
		{"eleven entries", "POST", "AWSEvents.PutEvents", `{"Entries": [` + eleven + `]}`, 400, "ValidationException"},
		{"body over 1 MiB", "POST", "AWSEvents.PutEvents", `{"Entries": [` + entry(`{"x":"`+strings.Repeat("a", awsapi.MaxBodyBytes)+`"}`) + `]}`, 413, "ValidationException"},
		{"state machine ARN malformed", "POST", "AWSStepFunctions.StartExecution", `{"stateMachineArn": "awstest.hello"}`, 400, "InvalidArn"},
		{"unknown state machine", "POST", "AWSStepFunctions.StartExecution", `{"stateMachineArn": "arn:aws:states:local:000000000000:stateMachine:stormless-nope"}`, 400, "StateMachineDoesNotExist"},
		{"input not JSON", "POST", "AWSStepFunctions.StartExecution", `{"stateMachineArn": "arn:aws:states:local:000000000000:stateMachine:stormless-awstest-hello", "input": "{name"}`, 400, "InvalidExecutionInput"},
		{"input not an object", "POST", "AWSStepFunctions.StartExecution", `{"stateMachineArn": "arn:aws:states:local:000000000000:stateMachine:stormless-awstest-hello", "input": "[1]"}`, 400, "InvalidExecutionInput"},
		{"input over 256 KiB", "POST", "AWSStepFunctions.StartExecution", `{"stateMachineArn": "arn:aws:states:local:000000000000:stateMachine:stormless-awstest-hello", "input": "{\"name\": \"` + strings.Repeat("a", 300<<10) + `\"}"}`, 400, "ValidationException"},
		{"bad name", "POST", "AWSStepFunctions.StartExecution", `{"stateMachineArn": "arn:aws:states:local:000000000000:stateMachine:stormless-awstest-hello", "name": "a b"}`, 400, "InvalidName"},
		{"execution ARN of a state machine", "POST", "AWSStepFunctions.DescribeExecution", `{"executionArn": "arn:aws:states:local:000000000000:stateMachine:stormless-awstest-hello"}`, 400, "InvalidArn"},
		{"unknown execution", "POST", "AWSStepFunctions.DescribeExecution", `{"executionArn": "arn:aws:states:local:000000000000:execution:stormless-awstest-hello:nope"}`, 400, "ExecutionDoesNotExist"},
		{"history page too large", "POST", "AWSStepFunctions.GetExecutionHistory", `{"executionArn": "arn:aws:states:local:000000000000:execution:stormless-awstest-hello:nope", "maxResults": 5000}`, 400, "ValidationException"},
		{"empty task token", "POST", "AWSStepFunctions.SendTaskSuccess", `{"taskToken": "", "output": "{}"}`, 400, "InvalidToken"},
		{"output not JSON", "POST", "AWSStepFunctions.SendTaskSuccess", `{"taskToken": "x", "output": "{"}`, 400, "InvalidOutput"},
		{"unknown task", "POST", "AWSStepFunctions.SendTaskFailure", `{"taskToken": "nope"}`, 400, "TaskDoesNotExist"},
		{"unknown heartbeat", "POST", "AWSStepFunctions.SendTaskHeartbeat", `{"taskToken": "nope"}`, 400, "TaskDoesNotExist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out := post(t, s, tt.method, tt.target, tt.body, nil)
			if status != tt.status || out["__type"] != tt.code || out["message"] == "" {
				t.Errorf("got %d %v, want %d %s with a message", status, out, tt.status, tt.code)
			}
		})
	}
	page, err := s.engine.Store().ListExecutions(t.Context(), execution.ExecutionQuery{})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("got %d executions (%v), want none: bad requests change nothing", len(page.Items), err)
	}
	tis, err := s.engine.Store().ListTriggerInstances(t.Context(), execution.TriggerInstanceQuery{})
	if err != nil || len(tis.Items) != 0 {
		t.Errorf("got %d trigger instances (%v), want none", len(tis.Items), err)
	}
}

func TestExecutionOfAnotherMachine(t *testing.T) {
	s := newServer(t)
	start, err := s.sfn.StartExecution(t.Context(), &sfn.StartExecutionInput{StateMachineArn: aws.String(machineARN("awstest.hello")), Input: aws.String(`{"name": "Ada"}`)})
	if err != nil {
		t.Fatal(err)
	}
	wrong := strings.Replace(aws.ToString(start.ExecutionArn), "stormless-awstest-hello", "stormless-awstest-slow", 1)
	var missing *sfntypes.ExecutionDoesNotExist
	if _, err := s.sfn.DescribeExecution(t.Context(), &sfn.DescribeExecutionInput{ExecutionArn: &wrong}); !errors.As(err, &missing) {
		t.Errorf("got %v, want ExecutionDoesNotExist for an id under another state machine", err)
	}
}

// keys accepts one API key.
type keys struct{ key, user string }

func (k keys) Authenticate(_ context.Context, key string) (string, error) {
	if key == "" || key != k.key {
		return "", api.ErrUnauthorized
	}
	return k.user, nil
}

func TestAuth(t *testing.T) {
	s := newServer(t, awsapi.WithAuth(keys{key: "good-key", user: "alice"}))
	_, good := clients(s.URL+"/aws", "good-key")
	s.sfn = good
	start, err := good.StartExecution(t.Context(), &sfn.StartExecutionInput{StateMachineArn: aws.String(machineARN("awstest.hello")), Input: aws.String(`{"name": "Ada"}`)})
	if err != nil {
		t.Fatalf("signed with the API key: %v", err)
	}
	out := s.waitStatus(t, aws.ToString(start.ExecutionArn))
	x, err := s.engine.Store().GetExecution(t.Context(), aws.ToString(out.Name))
	if err != nil || x.Context.User != "alice" {
		t.Errorf("got user %q (%v), want alice, the key's user", x.Context.User, err)
	}
	_, bad := clients(s.URL+"/aws", "wrong-key")
	_, err = bad.DescribeExecution(t.Context(), &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
	if got := apiCode(err); got != "UnrecognizedClientException" {
		t.Errorf("wrong key: got %v (%q), want UnrecognizedClientException", err, got)
	}
	status, body := post(t, s, "POST", "AWSStepFunctions.DescribeExecution", `{}`, nil)
	if status != http.StatusForbidden || body["__type"] != "MissingAuthenticationTokenException" {
		t.Errorf("no key: got %d %v, want 403 MissingAuthenticationTokenException", status, body)
	}
	status, _ = post(t, s, "POST", "AWSStepFunctions.DescribeExecution", `{"executionArn": "`+aws.ToString(start.ExecutionArn)+`"}`,
		map[string]string{api.APIKeyHeader: "good-key"})
	if status != http.StatusOK {
		t.Errorf("St2-Api-Key: got %d, want 200", status)
	}
}

func TestAuthOnceKeysExist(t *testing.T) {
	var exist atomic.Bool
	s := newServer(t, awsapi.WithAuthOnceKeysExist(keys{key: "good-key", user: "alice"},
		func(context.Context) (bool, error) { return exist.Load(), nil }))
	body := `{"executionArn": "arn:aws:states:local:000000000000:execution:stormless-awstest-hello:nope"}`
	if status, out := post(t, s, "POST", "AWSStepFunctions.DescribeExecution", body, nil); out["__type"] != "ExecutionDoesNotExist" {
		t.Errorf("before any key: got %d %v, want served (ExecutionDoesNotExist)", status, out)
	}
	exist.Store(true)
	if status, out := post(t, s, "POST", "AWSStepFunctions.DescribeExecution", body, nil); status != http.StatusForbidden {
		t.Errorf("once a key exists: got %d %v, want 403", status, out)
	}
	exist.Store(false)
	if status, _ := post(t, s, "POST", "AWSStepFunctions.DescribeExecution", body, nil); status != http.StatusForbidden {
		t.Errorf("after the keys are deleted: got %d, want still 403", status)
	}
}
