package stepfn

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stormless/stormless/internal/awsjson"
)

// calls records each call as op and JSON body, failing StopExecution of
// "gone" as Step Functions does.
type calls []string

func (c *calls) Call(_ context.Context, op string, in, _ any) error {
	b, _ := json.Marshal(in)
	*c = append(*c, op+" "+string(b))
	if m, ok := in.(map[string]string); ok && m["executionArn"] == "gone" {
		return &awsjson.Error{Code: "ExecutionDoesNotExist", Status: 400}
	}
	return nil
}

func TestCalls(t *testing.T) {
	var got calls
	c := Client{Caller: &got}
	ctx := t.Context()
	if err := c.StartExecution(ctx, "arn:m", "id1", `{"a":1}`); err != nil {
		t.Fatal(err)
	}
	if err := c.StopExecution(ctx, "gone", "E", "c"); !errors.Is(err, ErrExecutionDoesNotExist) {
		t.Errorf("stop a missing execution: got %v, want ErrExecutionDoesNotExist", err)
	}
	tt := TaskTokens{Client: c}
	if err := tt.SendTaskSuccess("tok", map[string]any{"ok": true}); err != nil {
		t.Fatal(err)
	}
	if err := tt.SendTaskFailure("tok", "StackStorm.InquiryFailed", "why"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`StartExecution {"input":"{\"a\":1}","name":"id1","stateMachineArn":"arn:m"}`,
		`StopExecution {"cause":"c","error":"E","executionArn":"gone"}`,
		`SendTaskSuccess {"output":"{\"ok\":true}","taskToken":"tok"}`,
		`SendTaskFailure {"cause":"why","error":"StackStorm.InquiryFailed","taskToken":"tok"}`,
	}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Errorf("call %d: got %q, want %q", i, got, want[i])
		}
	}
}
