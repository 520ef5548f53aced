package interp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func historyTypes(e *Execution) string {
	var types []string
	for _, ev := range e.History() {
		types = append(types, ev.Type)
	}
	return strings.Join(types, " ")
}

func TestLambdaInvoke(t *testing.T) {
	in := newTestInterp(t)
	in.Registry().Lambda("double", func(ctx context.Context, p any) (any, error) {
		return p.(map[string]any)["n"].(float64) * 2, nil
	})
	res, e := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
		"Parameters":{"FunctionName":"double","Payload.$":"$"},"ResultSelector":{"v.$":"$.Payload"},"End":true}}}`, `{"n":21}`)
	if encode(res.Output) != `{"v":42}` {
		t.Fatalf("got %+v, want {\"v\":42}", res)
	}
	want := "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded"
	if got := historyTypes(e); got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

func TestBareLambdaARNAndFunctionError(t *testing.T) {
	in := newTestInterp(t)
	in.Registry().Lambda("boom", func(ctx context.Context, p any) (any, error) {
		return nil, &LambdaError{Type: "ValueError", Message: "bad"}
	})
	res, e := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:boom","End":true,
		"Catch":[{"ErrorEquals":["ValueError"],"Next":"H"}]},"H":{"Type":"Pass","End":true}}}`, `{}`)
	want := `{"Cause":"{\"errorMessage\":\"bad\",\"errorType\":\"ValueError\"}","Error":"ValueError"}`
	if encode(res.Output) != want {
		t.Fatalf("got %s, want %s", encode(res.Output), want)
	}
	wantTypes := "ExecutionStarted TaskStateEntered LambdaFunctionScheduled LambdaFunctionStarted LambdaFunctionFailed TaskStateExited PassStateEntered PassStateExited ExecutionSucceeded"
	if got := historyTypes(e); got != wantTypes {
		t.Fatalf("got %s, want %s", got, wantTypes)
	}
}

func TestRetryBackoff(t *testing.T) {
	clock := NewVirtualClock(time.Unix(0, 0))
	in := newTestInterp(t, WithClock(clock))
	var calls atomic.Int32
	in.Registry().HandleFunc("arn:aws:states:::aws-sdk:s3:getObject", func(ctx context.Context, req *TaskRequest) (any, error) {
		if calls.Add(1) < 4 {
			return nil, &Failure{Name: "S3.SlowDown", Cause: "slow"}
		}
		return "ok", nil
	})
	res, _ := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","End":true,
		"Retry":[{"ErrorEquals":["Other"]},{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3,"MaxDelaySeconds":10}]}}}`, `{}`)
	if res.Status != StatusSucceeded || calls.Load() != 4 {
		t.Fatalf("got %+v after %d calls, want success after 4", res, calls.Load())
	}
	// Delays 2, 6, then 18 capped at 10.
	if got, want := clock.Now().Sub(time.Unix(0, 0)), 18*time.Second; got != want {
		t.Fatalf("got %v of virtual time, want %v", got, want)
	}
}

func TestRetryExhausted(t *testing.T) {
	in := newTestInterp(t)
	in.Registry().HandleFunc("arn:aws:states:::aws-sdk:s3:getObject", func(ctx context.Context, req *TaskRequest) (any, error) {
		return nil, errors.New("plain error")
	})
	res, _ := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","End":true,
		"Retry":[{"ErrorEquals":["States.TaskFailed"],"MaxAttempts":2}]}}}`, `{}`)
	if res.Error != ErrTaskFailed {
		t.Fatalf("got %+v, want States.TaskFailed", res)
	}
}

func TestTaskTimeout(t *testing.T) {
	in := newTestInterp(t)
	in.Registry().HandleFunc("arn:aws:states:::aws-sdk:s3:getObject", func(ctx context.Context, req *TaskRequest) (any, error) {
		if err := in.Clock().Sleep(ctx, time.Hour); err != nil {
			return nil, err
		}
		return "late", nil
	})
	res, e := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","TimeoutSeconds":5,"End":true,
		"Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Wrong"},{"ErrorEquals":["States.Timeout"],"ResultPath":"$.err","Next":"Right"}]},
		"Wrong":{"Type":"Fail","Error":"Wrong"},"Right":{"Type":"Succeed"}}}`, `{}`)
	if res.Status != StatusSucceeded || !strings.Contains(encode(res.Output), "States.Timeout") {
		t.Fatalf("got %+v, want the timeout caught", res)
	}
	if !strings.Contains(historyTypes(e), "TaskTimedOut") {
		t.Fatalf("got %s, want TaskTimedOut", historyTypes(e))
	}
}

func TestRuntimeNotCaughtByAll(t *testing.T) {
	res, _ := run(t, newTestInterp(t), `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","InputPath":"$.missing","End":true,
		"Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}]},"H":{"Type":"Succeed"}}}`, `{}`)
	if res.Error != ErrRuntime || !strings.Contains(res.Cause, "An error occurred while executing the state 'T'") {
		t.Fatalf("got %+v, want an uncaught States.Runtime", res)
	}
}

func TestUnregisteredResource(t *testing.T) {
	res, _ := run(t, newTestInterp(t), `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","End":true}}}`, `{}`)
	if res.Error != ErrTaskFailed {
		t.Fatalf("got %+v, want States.TaskFailed", res)
	}
	res, _ = run(t, newTestInterp(t), `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"nope"},"End":true}}}`, `{}`)
	if res.Error != "Lambda.ResourceNotFoundException" {
		t.Fatalf("got %+v, want Lambda.ResourceNotFoundException", res)
	}
}

func TestDataLimitExceeded(t *testing.T) {
	in := newTestInterp(t)
	in.Registry().Lambda("big", func(ctx context.Context, p any) (any, error) {
		return strings.Repeat("x", 300*1024), nil
	})
	res, _ := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:big","End":true}}}`, `{}`)
	if res.Error != ErrDataLimitExceeded {
		t.Fatalf("got %+v, want States.DataLimitExceeded", res)
	}
	m := loadDef(t, in, `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	if _, _, err := in.Run(t.Context(), m, strings.Repeat("y", 300*1024)); err == nil {
		t.Fatal("got nil, want an input size error")
	}
}

func TestMocks(t *testing.T) {
	cfg, err := ParseMockConfig([]byte(`{"StateMachines":{"test":{"TestCases":{"tc":{"T":"R"}}}},
		"MockedResponses":{"R":{"0-1":{"Throw":{"Error":"Svc.Busy","Cause":"busy"}},"2":{"Return":{"ok":true}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	in := newTestInterp(t, WithMocks(cfg, "test", "tc"))
	res, _ := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","End":true,
		"Retry":[{"ErrorEquals":["Svc.Busy"],"MaxAttempts":5}]}}}`, `{}`)
	if encode(res.Output) != `{"ok":true}` {
		t.Fatalf("got %+v, want the third mocked response", res)
	}
	if _, err := New(WithMocks(cfg, "test", "missing")); err == nil {
		t.Fatal("got nil, want an unknown test case error")
	}
}

func TestWaitForTaskToken(t *testing.T) {
	in := newTestInterp(t)
	tokens := make(chan string, 1)
	in.Registry().HandleFunc("arn:aws:states:::sqs:sendMessage", func(ctx context.Context, req *TaskRequest) (any, error) {
		body := req.Parameters.(map[string]any)["MessageBody"].(map[string]any)
		tokens <- body["token"].(string)
		return map[string]any{"MessageId": "m1"}, nil
	})
	m := loadDef(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
		"Parameters":{"MessageBody":{"token.$":"$$.Task.Token"}},"HeartbeatSeconds":60,"End":true}}}`)
	e, err := in.Start(t.Context(), m, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	tok := <-tokens
	for in.SendTaskHeartbeat(tok) != nil {
		time.Sleep(time.Millisecond) // the task registers its token right after the handler returns
	}
	if err := in.SendTaskSuccess(tok, map[string]any{"done": true}); err != nil {
		t.Fatal(err)
	}
	res, err := e.Wait(t.Context())
	if err != nil || encode(res.Output) != `{"done":true}` {
		t.Fatalf("got %+v %v, want {\"done\":true}", res, err)
	}
	if err := in.SendTaskSuccess(tok, nil); !errors.Is(err, ErrTaskDoesNotExist) {
		t.Fatalf("got %v, want ErrTaskDoesNotExist", err)
	}
	if !strings.Contains(historyTypes(e), "TaskSubmitted") {
		t.Fatalf("got %s, want TaskSubmitted", historyTypes(e))
	}
}

func TestWaitForTaskTokenFailure(t *testing.T) {
	in := newTestInterp(t)
	in.Registry().HandleFunc("arn:aws:states:::sqs:sendMessage", func(ctx context.Context, req *TaskRequest) (any, error) {
		go func() {
			for in.SendTaskFailure(req.TaskToken, "Rejected", "no") != nil {
				time.Sleep(time.Millisecond)
			}
		}()
		return map[string]any{}, nil
	})
	res, _ := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`, `{}`)
	if res.Error != "Rejected" {
		t.Fatalf("got %+v, want Rejected", res)
	}
}

func TestStartExecutionSync(t *testing.T) {
	in := newTestInterp(t)
	if _, err := in.Load("child", []byte(`{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"got.$":"$.x"},"End":true}}}`)); err != nil {
		t.Fatal(err)
	}
	res, _ := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
		"Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child","Input":{"x":1}},
		"ResultSelector":{"out.$":"$.Output","status.$":"$.Status"},"End":true}}}`, `{}`)
	if encode(res.Output) != `{"out":{"got":1},"status":"SUCCEEDED"}` {
		t.Fatalf("got %+v", res)
	}
	res, _ = run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
		"Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child","Input":"{\"x\":2}"},
		"OutputPath":"$.Output","End":true}}}`, `{}`)
	if encode(res.Output) != `"{\"got\":2}"` {
		t.Fatalf("got %+v", res)
	}
}

func TestRecursionDepthLimit(t *testing.T) {
	in := newTestInterp(t, WithMaxDepth(5))
	m := loadDef(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
		"Parameters":{"StateMachineArn":"test"},"End":true}}}`)
	res, _, err := in.Run(t.Context(), m, map[string]any{})
	if err != nil || res.Status != StatusFailed || !strings.Contains(res.Cause, "nesting depth") {
		t.Fatalf("got %+v %v, want a nesting depth failure", res, err)
	}
}

type recordingPublisher struct{ entries []map[string]any }

func (p *recordingPublisher) PutEvents(ctx context.Context, entries []map[string]any) ([]string, error) {
	p.entries = append(p.entries, entries...)
	ids := make([]string, len(entries))
	for i := range ids {
		ids[i] = "id-" + itoa(i)
	}
	return ids, nil
}

func TestPutEvents(t *testing.T) {
	pub := &recordingPublisher{}
	in := newTestInterp(t, WithEventPublisher(pub))
	res, _ := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents",
		"Parameters":{"Entries":[{"Source":"s","DetailType":"d","Detail":{"a":1}}]},"End":true}}}`, `{}`)
	if encode(res.Output) != `{"Entries":[{"EventId":"id-0"}],"FailedEntryCount":0}` || len(pub.entries) != 1 {
		t.Fatalf("got %+v with %d entries", res, len(pub.entries))
	}
}

func TestHTTPInvoke(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.URL.Query().Get("q") == "fail" {
			w.WriteHeader(http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"method": r.Method, "body": string(body)})
	}))
	defer srv.Close()
	def := func(q string) string {
		return `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::http:invoke",
			"Parameters":{"ApiEndpoint":"` + srv.URL + `","Method":"POST","QueryParameters":{"q":"` + q + `"},"RequestBody":{"a":1}},
			"OutputPath":"$.ResponseBody","End":true}}}`
	}
	res, _ := run(t, newTestInterp(t), def("ok"), `{}`)
	if encode(res.Output) != `{"body":"{\"a\":1}","method":"POST"}` {
		t.Fatalf("got %+v", res)
	}
	res, _ = run(t, newTestInterp(t), def("fail"), `{}`)
	if res.Error != "States.Http.StatusCode.418" {
		t.Fatalf("got %+v, want States.Http.StatusCode.418", res)
	}
}

func TestHeartbeatTimeout(t *testing.T) {
	clock := NewVirtualClock(time.Unix(0, 0))
	in := newTestInterp(t, WithClock(clock))
	sent := make(chan struct{}, 1)
	in.Registry().HandleFunc("arn:aws:states:::sqs:sendMessage", func(ctx context.Context, req *TaskRequest) (any, error) {
		sent <- struct{}{}
		return map[string]any{}, nil
	})
	m := loadDef(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
		"HeartbeatSeconds":5,"TimeoutSeconds":600,"End":true}}}`)
	e, err := in.Start(t.Context(), m, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	<-sent
	for {
		clock.Advance(time.Second)
		select {
		case <-e.Done():
			res := e.Result()
			if res.Error != ErrTimeout || !strings.Contains(historyTypes(e), "TaskTimedOut") {
				t.Fatalf("got %+v (%s), want States.Timeout with TaskTimedOut", res, historyTypes(e))
			}
			return
		case <-time.After(time.Millisecond):
		}
	}
}

func TestSyncTaskToken(t *testing.T) {
	in := newTestInterp(t)
	if _, err := in.Load("child", []byte(`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)); err != nil {
		t.Fatal(err)
	}
	res, _ := run(t, in, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
		"Parameters":{"StateMachineArn":"child","Input":{"token.$":"$$.Task.Token"}},"OutputPath":"$.Output","End":true}}}`, `{}`)
	if res.Status != StatusSucceeded || res.Output.(map[string]any)["token"] == "" {
		t.Fatalf("got %+v, want the child to receive a task token", res)
	}
}

func TestPassOutputDataLimit(t *testing.T) {
	res, _ := run(t, newTestInterp(t), `{"StartAt":"S","States":{"S":{"Type":"Pass","Parameters":{"a.$":"$.s","b.$":"$.s"},"End":true}}}`,
		`{"s":"`+strings.Repeat("x", 150*1024)+`"}`)
	if res.Error != ErrDataLimitExceeded || !strings.Contains(res.Cause, "'S'") {
		t.Fatalf("got %s %s, want States.DataLimitExceeded naming S", res.Error, res.Cause)
	}
}
