package awsapi_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stormless/stormless/internal/execution"
)

func TestStartAndDescribeExecution(t *testing.T) {
	s := newServer(t)
	start, err := s.sfn.StartExecution(t.Context(), &sfn.StartExecutionInput{
		StateMachineArn: aws.String(machineARN("awstest.hello")), Input: aws.String(`{"name": "Ada"}`)})
	if err != nil {
		t.Fatalf("StartExecution: %v", err)
	}
	arn := aws.ToString(start.ExecutionArn)
	prefix := "arn:aws:states:us-east-1:123456789012:execution:stormless-awstest-hello:"
	if !strings.HasPrefix(arn, prefix) || start.StartDate == nil {
		t.Fatalf("got %s at %v, want an execution ARN under %s and a start date", arn, start.StartDate, prefix)
	}
	out := s.waitStatus(t, arn)
	if out.Status != sfntypes.ExecutionStatusSucceeded || !strings.Contains(aws.ToString(out.Output), `Hello, Ada!`) {
		t.Errorf("got %s with output %s, want SUCCEEDED greeting Ada", out.Status, aws.ToString(out.Output))
	}
	if aws.ToString(out.StateMachineArn) != machineARN("awstest.hello") || out.StopDate == nil || aws.ToString(out.Name) != strings.TrimPrefix(arn, prefix) {
		t.Errorf("got machine %s, stop %v, name %s, want the machine ARN, a stop date and the name of the ARN", aws.ToString(out.StateMachineArn), out.StopDate, aws.ToString(out.Name))
	}
	var input map[string]any
	if err := json.Unmarshal([]byte(aws.ToString(out.Input)), &input); err != nil || input["name"] != "Ada" || input["token"] != execution.Masked {
		t.Errorf("got input %s (%v), want the parameters with the secret masked", aws.ToString(out.Input), err)
	}
	x, err := s.engine.Store().GetExecution(t.Context(), aws.ToString(out.Name))
	if err != nil || x.Action.Ref != "awstest.hello" || x.Context.User != "stanley" {
		t.Errorf("got %+v (%v), want the awstest.hello execution run by stanley", x, err)
	}
}

func TestExecutionHistory(t *testing.T) {
	s := newServer(t)
	start, err := s.sfn.StartExecution(t.Context(), &sfn.StartExecutionInput{
		StateMachineArn: aws.String(machineARN("awstest.hello")), Input: aws.String(`{"name": "Ada"}`)})
	if err != nil {
		t.Fatal(err)
	}
	s.waitStatus(t, aws.ToString(start.ExecutionArn))
	h, err := s.sfn.GetExecutionHistory(t.Context(), &sfn.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn})
	if err != nil {
		t.Fatalf("GetExecutionHistory: %v", err)
	}
	var types []string
	for i, e := range h.Events {
		types = append(types, string(e.Type))
		if e.Id != int64(i+1) || e.PreviousEventId != int64(i) || e.Timestamp == nil {
			t.Errorf("event %d: got id %d, previous %d, want %d, %d and a timestamp", i, e.Id, e.PreviousEventId, i+1, i)
		}
	}
	want := "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded"
	if got := strings.Join(types, " "); got != want {
		t.Fatalf("got events %s, want %s", got, want)
	}
	if d := h.Events[2].TaskScheduledEventDetails; d == nil || aws.ToString(d.Resource) != "core.local" {
		t.Errorf("got scheduled %+v, want the core.local task", d)
	}
	if d := h.Events[1].StateEnteredEventDetails; d == nil || aws.ToString(d.Name) != "greet" {
		t.Errorf("got state entered %+v, want task greet", d)
	}
	if d := h.Events[6].ExecutionSucceededEventDetails; d == nil || !strings.Contains(aws.ToString(d.Output), "Hello, Ada!") {
		t.Errorf("got %+v, want the output", d)
	}
	// Paging backwards two at a time gives the same events reversed.
	var back []string
	var token *string
	for {
		p, err := s.sfn.GetExecutionHistory(t.Context(), &sfn.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn,
			ReverseOrder: true, MaxResults: 2, NextToken: token, IncludeExecutionData: aws.Bool(false)})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			back = append(back, string(e.Type))
			if d := e.ExecutionSucceededEventDetails; d != nil && d.Output != nil {
				t.Errorf("got output %s, want none without execution data", aws.ToString(d.Output))
			}
		}
		if token = p.NextToken; token == nil {
			break
		}
	}
	for i := range types {
		if back[len(back)-1-i] != types[i] {
			t.Fatalf("got reversed %v, want %v backwards", back, types)
		}
	}
}

func TestFailedExecution(t *testing.T) {
	s := newServer(t)
	start, err := s.sfn.StartExecution(t.Context(), &sfn.StartExecutionInput{StateMachineArn: aws.String(machineARN("awstest.failing"))})
	if err != nil {
		t.Fatal(err)
	}
	out := s.waitStatus(t, aws.ToString(start.ExecutionArn))
	if out.Status != sfntypes.ExecutionStatusFailed || aws.ToString(out.Error) == "" || !strings.Contains(aws.ToString(out.Cause), "broken") {
		t.Errorf("got %s error %q cause %q, want FAILED with the task's stderr in the cause", out.Status, aws.ToString(out.Error), aws.ToString(out.Cause))
	}
	h, err := s.sfn.GetExecutionHistory(t.Context(), &sfn.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn})
	if err != nil {
		t.Fatal(err)
	}
	if last := h.Events[len(h.Events)-1]; last.Type != sfntypes.HistoryEventTypeExecutionFailed || last.ExecutionFailedEventDetails == nil {
		t.Errorf("got last event %s, want ExecutionFailed with details", last.Type)
	}
}

func TestNamedExecution(t *testing.T) {
	s := newServer(t)
	in := &sfn.StartExecutionInput{StateMachineArn: aws.String(machineARN("awstest.slow")), Name: aws.String("nightly-1"), Input: aws.String(`{}`)}
	first, err := s.sfn.StartExecution(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	if want := "arn:aws:states:us-east-1:123456789012:execution:stormless-awstest-slow:nightly-1"; aws.ToString(first.ExecutionArn) != want {
		t.Fatalf("got %s, want %s", aws.ToString(first.ExecutionArn), want)
	}
	again, err := s.sfn.StartExecution(t.Context(), in)
	if err != nil || aws.ToString(again.ExecutionArn) != aws.ToString(first.ExecutionArn) {
		t.Errorf("same name and input while running: got %v (%v), want the same execution", again, err)
	}
	other := *in
	other.Input = aws.String(`{"x": 1}`)
	var exists *sfntypes.ExecutionAlreadyExists
	if _, err := s.sfn.StartExecution(t.Context(), &other); !errors.As(err, &exists) {
		t.Errorf("same name, other input: got %v, want ExecutionAlreadyExists", err)
	}
	d, err := s.sfn.DescribeExecution(t.Context(), &sfn.DescribeExecutionInput{ExecutionArn: first.ExecutionArn})
	if err != nil || aws.ToString(d.Name) != "nightly-1" || d.Status != sfntypes.ExecutionStatusRunning {
		t.Errorf("got %+v (%v), want nightly-1 running", d, err)
	}
}

func TestStopExecution(t *testing.T) {
	s := newServer(t)
	start, err := s.sfn.StartExecution(t.Context(), &sfn.StartExecutionInput{StateMachineArn: aws.String(machineARN("awstest.slow"))})
	if err != nil {
		t.Fatal(err)
	}
	stop, err := s.sfn.StopExecution(t.Context(), &sfn.StopExecutionInput{ExecutionArn: start.ExecutionArn, Error: aws.String("Manual"), Cause: aws.String("not tonight")})
	if err != nil || stop.StopDate == nil {
		t.Fatalf("StopExecution: %v %+v", err, stop)
	}
	out := s.waitStatus(t, aws.ToString(start.ExecutionArn))
	if out.Status != sfntypes.ExecutionStatusAborted || aws.ToString(out.Error) != "Manual" || aws.ToString(out.Cause) != "not tonight" {
		t.Errorf("got %s %q %q, want ABORTED Manual \"not tonight\"", out.Status, aws.ToString(out.Error), aws.ToString(out.Cause))
	}
	x := s.waitExecution(t, execution.ExecutionQuery{Action: "awstest.slow"})
	if x.Status != execution.StatusCanceled {
		t.Errorf("got record %s, want canceled", x.Status)
	}
	if _, err := s.sfn.StopExecution(t.Context(), &sfn.StopExecutionInput{ExecutionArn: start.ExecutionArn}); err != nil {
		t.Errorf("stopping again: got %v, want nil", err)
	}
}
