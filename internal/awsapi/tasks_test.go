package awsapi_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stormless/stormless/internal/execution"
)

// startApproval starts awstest.approve and returns its ARN and the task
// token of its core.ask task, read from the history as a client would.
func startApproval(t *testing.T, s *server) (string, string) {
	t.Helper()
	start, err := s.sfn.StartExecution(t.Context(), &sfn.StartExecutionInput{StateMachineArn: aws.String(machineARN("awstest.approve"))})
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		h, err := s.sfn.GetExecutionHistory(t.Context(), &sfn.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range h.Events {
			if d := e.TaskScheduledEventDetails; d != nil && aws.ToString(d.Resource) == "core.ask" {
				_, token, _ := strings.Cut(aws.ToString(d.Parameters), `"TaskToken":"`)
				token, _, _ = strings.Cut(token, `"`)
				if q, err := s.engine.Store().GetInquiry(t.Context(), token); err == nil && q.Status == execution.InquiryPending {
					return aws.ToString(start.ExecutionArn), token
				}
			}
		}
	}
	t.Fatal("the approval never asked")
	return "", ""
}

func TestSendTaskSuccessAnswersAnAsk(t *testing.T) {
	s := newServer(t)
	arn, token := startApproval(t, s)
	if _, err := s.sfn.SendTaskHeartbeat(t.Context(), &sfn.SendTaskHeartbeatInput{TaskToken: &token}); err != nil {
		t.Errorf("heartbeat of a pending task: got %v, want nil", err)
	}
	var invalid *sfntypes.InvalidOutput
	_, err := s.sfn.SendTaskSuccess(t.Context(), &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{"nom": "Ada"}`)})
	if !errors.As(err, &invalid) {
		t.Errorf("response failing the schema: got %v, want InvalidOutput", err)
	}
	if _, err := s.sfn.SendTaskSuccess(t.Context(), &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{"name": "Ada"}`)}); err != nil {
		t.Fatalf("SendTaskSuccess: %v", err)
	}
	out := s.waitStatus(t, arn)
	if out.Status != sfntypes.ExecutionStatusSucceeded || !strings.Contains(aws.ToString(out.Output), `"Ada"`) {
		t.Errorf("got %s %s, want SUCCEEDED with the approver", out.Status, aws.ToString(out.Output))
	}
	q, err := s.engine.Store().GetInquiry(t.Context(), token)
	if err != nil || q.Status != execution.InquirySucceeded || q.RespondedBy != "stanley" {
		t.Errorf("got inquiry %+v (%v), want succeeded, answered by stanley", q, err)
	}
	var timedOut *sfntypes.TaskTimedOut
	if _, err := s.sfn.SendTaskSuccess(t.Context(), &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{"name": "Bob"}`)}); !errors.As(err, &timedOut) {
		t.Errorf("answering twice: got %v, want TaskTimedOut", err)
	}
	if _, err := s.sfn.SendTaskHeartbeat(t.Context(), &sfn.SendTaskHeartbeatInput{TaskToken: &token}); !errors.As(err, &timedOut) {
		t.Errorf("heartbeat of an answered task: got %v, want TaskTimedOut", err)
	}
	var missing *sfntypes.TaskDoesNotExist
	if _, err := s.sfn.SendTaskSuccess(t.Context(), &sfn.SendTaskSuccessInput{TaskToken: aws.String("no-such-inquiry"), Output: aws.String(`{}`)}); !errors.As(err, &missing) {
		t.Errorf("unknown token: got %v, want TaskDoesNotExist", err)
	}
}

func TestSendTaskFailureFailsTheAsk(t *testing.T) {
	s := newServer(t)
	arn, token := startApproval(t, s)
	if _, err := s.sfn.SendTaskFailure(t.Context(), &sfn.SendTaskFailureInput{TaskToken: &token, Error: aws.String("Rejected"), Cause: aws.String("not now")}); err != nil {
		t.Fatalf("SendTaskFailure: %v", err)
	}
	s.waitStatus(t, arn)
	h, err := s.sfn.GetExecutionHistory(t.Context(), &sfn.GetExecutionHistoryInput{ExecutionArn: &arn})
	if err != nil {
		t.Fatal(err)
	}
	var failed, refused bool
	for _, e := range h.Events {
		if d := e.TaskFailedEventDetails; d != nil && aws.ToString(d.Error) == "Rejected" && aws.ToString(d.Cause) == "not now" {
			failed = true
		}
		if d := e.TaskSucceededEventDetails; d != nil && strings.Contains(aws.ToString(d.Output), "refused") {
			refused = true
		}
	}
	if !failed || !refused {
		t.Errorf("got failed ask %v, refused branch %v, want both in the history", failed, refused)
	}
	q, err := s.engine.Store().GetInquiry(t.Context(), token)
	if err != nil || q.Status != execution.InquiryCanceled {
		t.Errorf("got inquiry %+v (%v), want canceled", q, err)
	}
}
