package awsapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/awsapi"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/pack"
)

// fakeEngine accepts everything and records nothing; fakeStore finds
// nothing.
type fakeEngine struct{ set *pack.Set }

func (f fakeEngine) Packs() *pack.Set                          { return f.set }
func (fakeEngine) Publish(context.Context, ...bus.Event) error { return nil }
func (fakeEngine) Submit(context.Context, string, map[string]any, string) (string, error) {
	return "x", nil
}
func (fakeEngine) Cancel(context.Context, string, string) (execution.Execution, error) {
	return execution.Execution{}, execution.ErrNotFound
}
func (fakeEngine) Respond(context.Context, string, map[string]any, string) (execution.Inquiry, error) {
	return execution.Inquiry{}, execution.ErrNotFound
}
func (fakeEngine) FailInquiry(context.Context, string, string, string, string) (execution.Inquiry, error) {
	return execution.Inquiry{}, execution.ErrNotFound
}

type fakeStore struct{}

func (fakeStore) GetExecution(context.Context, string) (execution.Execution, error) {
	return execution.Execution{}, execution.ErrNotFound
}
func (fakeStore) GetInquiry(context.Context, string) (execution.Inquiry, error) {
	return execution.Inquiry{}, execution.ErrNotFound
}

var targets = []string{"AWSEvents.PutEvents", "AWSStepFunctions.StartExecution", "AWSStepFunctions.DescribeExecution",
	"AWSStepFunctions.StopExecution", "AWSStepFunctions.GetExecutionHistory", "AWSStepFunctions.SendTaskSuccess",
	"AWSStepFunctions.SendTaskFailure", "AWSStepFunctions.SendTaskHeartbeat"}

// FuzzHandler sends arbitrary bodies to every operation: each answer is
// 200 with a JSON body, or an AWS error with its code and a message.
func FuzzHandler(f *testing.F) {
	set, err := pack.Load(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs"))
	if err != nil {
		f.Fatal(err)
	}
	h, err := awsapi.New(fakeEngine{set}, fakeStore{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint8(0), `{"Entries":[{"Source":"a","DetailType":"b","Detail":"{}","Time":1.5}]}`)
	f.Add(uint8(0), `{"Entries":[{"Source":"a","DetailType":"b","Detail":"{\"x\":[1,{}]}","Time":"2026-01-01T00:00:00Z","Resources":["r"]}]}`)
	f.Add(uint8(1), `{"stateMachineArn":"arn:aws:states:l:0:stateMachine:stormless-awstest-hello","name":"n","input":"{\"name\":\"x\"}"}`)
	f.Add(uint8(2), `{"executionArn":"arn:aws:states:l:0:execution:stormless-awstest-hello:x"}`)
	f.Add(uint8(4), `{"executionArn":"arn:aws:states:l:0:execution:m:x","maxResults":2,"nextToken":"1","reverseOrder":true}`)
	f.Add(uint8(5), `{"taskToken":"t","output":"{}"}`)
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		req := httptest.NewRequest(http.MethodPost, "/aws/", strings.NewReader(body))
		req.Header.Set("X-Amz-Target", targets[int(op)%len(targets)])
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		var out map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("got body %q, want JSON", w.Body.String())
		}
		if w.Code != http.StatusOK && (out["__type"] == "" || out["message"] == "") {
			t.Fatalf("got %d %s, want an AWS error with a code and message", w.Code, w.Body.String())
		}
	})
}
