package awsapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"

	"github.com/stormless/stormless/internal/execution"
)

func TestPutEventsFiresRule(t *testing.T) {
	s := newServer(t)
	alert := func(level string) ebtypes.PutEventsRequestEntry {
		return ebtypes.PutEventsRequestEntry{Source: aws.String("stormless.awstest"), DetailType: aws.String("awstest.alert"),
			EventBusName: aws.String("stormless"),
			Detail:       aws.String(`{"trigger": {"type": "awstest.alert", "parameters": {}}, "payload": {"level": "` + level + `"}}`)}
	}
	malformed := ebtypes.PutEventsRequestEntry{Source: aws.String("stormless.awstest"), DetailType: aws.String("awstest.alert"), Detail: aws.String(`{"level":`)}
	noSource := ebtypes.PutEventsRequestEntry{DetailType: aws.String("awstest.alert"), Detail: aws.String(`{}`)}
	out, err := s.events.PutEvents(t.Context(), &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{alert("high"), malformed, noSource, alert("low")}})
	if err != nil {
		t.Fatalf("PutEvents: %v", err)
	}
	if out.FailedEntryCount != 2 || len(out.Entries) != 4 {
		t.Fatalf("got %d failed of %d entries, want 2 of 4", out.FailedEntryCount, len(out.Entries))
	}
	if got := aws.ToString(out.Entries[1].ErrorCode); got != "MalformedDetail" {
		t.Errorf("entry 1: got %q, want MalformedDetail", got)
	}
	if got := aws.ToString(out.Entries[2].ErrorCode); got != "InvalidArgument" || !strings.Contains(aws.ToString(out.Entries[2].ErrorMessage), "Source") {
		t.Errorf("entry 2: got %q %q, want InvalidArgument naming Source", got, aws.ToString(out.Entries[2].ErrorMessage))
	}
	id := aws.ToString(out.Entries[0].EventId)
	if id == "" || aws.ToString(out.Entries[3].EventId) == "" {
		t.Fatalf("got entries %+v, want event ids for the valid ones", out.Entries)
	}
	x := s.waitExecution(t, execution.ExecutionQuery{Rule: "awstest.on_alert"})
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "alert high") {
		t.Errorf("got %s %s, want succeeded echoing the high alert", x.Status, x.Result)
	}
	if x.TriggerInstance == nil || x.TriggerInstance.ID != id {
		t.Errorf("got trigger instance %+v, want the event id %s", x.TriggerInstance, id)
	}
	ti, err := s.engine.Store().GetTriggerInstance(t.Context(), id)
	if err != nil || ti.Trigger != "awstest.alert" || string(ti.Payload) != `{"level":"high"}` {
		t.Errorf("got trigger instance %+v (%v), want awstest.alert with the payload", ti, err)
	}
	page, err := s.engine.Store().ListExecutions(t.Context(), execution.ExecutionQuery{Rule: "awstest.on_alert"})
	if err != nil || len(page.Items) != 1 {
		t.Errorf("got %d executions (%v), want 1: the low alert fails the criteria", len(page.Items), err)
	}
}

func TestPutEventsAWSServiceEvent(t *testing.T) {
	s := newServer(t)
	detail, _ := json.Marshal(map[string]any{"instance-id": "i-0abc", "state": "stopped"})
	out, err := s.events.PutEvents(t.Context(), &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{
		Source: aws.String("aws.ec2"), DetailType: aws.String("EC2 Instance State-change Notification"),
		Detail: aws.String(string(detail)), Resources: []string{"arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"}}}})
	if err != nil || out.FailedEntryCount != 0 {
		t.Fatalf("PutEvents: %v %+v", err, out)
	}
	x := s.waitExecution(t, execution.ExecutionQuery{Rule: "awstest.on_ec2_stop"})
	if !strings.Contains(string(x.Result), "stopped i-0abc") {
		t.Errorf("got %s, want the instance id echoed", x.Result)
	}
	ti, err := s.engine.Store().GetTriggerInstance(t.Context(), aws.ToString(out.Entries[0].EventId))
	if err != nil || ti.Trigger != "aws.events" || !strings.Contains(string(ti.Payload), `"resources":["arn:aws:ec2`) {
		t.Errorf("got %+v (%v), want an aws.events trigger instance holding the whole event", ti, err)
	}
}

func TestPutEventsLimits(t *testing.T) {
	s := newServer(t)
	entry := ebtypes.PutEventsRequestEntry{Source: aws.String("app"), DetailType: aws.String("t"), Detail: aws.String(`{}`)}
	var eleven []ebtypes.PutEventsRequestEntry
	for range 11 {
		eleven = append(eleven, entry)
	}
	big := entry
	big.Detail = aws.String(`{"x":"` + strings.Repeat("a", 100*1024) + `"}`)
	tests := []struct {
		name    string
		entries []ebtypes.PutEventsRequestEntry
		want    string
	}{
		{"eleven entries", eleven, "ValidationException"},
		{"over 256 KiB in all", []ebtypes.PutEventsRequestEntry{big, big, big}, "ValidationException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.events.PutEvents(t.Context(), &eventbridge.PutEventsInput{Entries: tt.entries})
			if got := apiCode(err); got != tt.want {
				t.Errorf("got %v (code %q), want %s", err, got, tt.want)
			}
		})
	}
	page, err := s.engine.Store().ListTriggerInstances(t.Context(), execution.TriggerInstanceQuery{})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("got %d trigger instances (%v), want none: refused calls publish nothing", len(page.Items), err)
	}
}
