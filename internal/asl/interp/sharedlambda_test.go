package interp

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// TestSharedLambdaGetsThePayload runs two Tasks in a row that pass their
// input on unchanged: functions bound with SharedLambda both get the very
// same value, functions bound with Lambda each get their own copy; the
// content is the same either way.
func TestSharedLambdaGetsThePayload(t *testing.T) {
	for _, shared := range []bool{false, true} {
		t.Run(fmt.Sprintf("shared=%v", shared), func(t *testing.T) {
			const def = `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
				"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "Output": "{% $states.input %}", "Next": "B"},
				"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"}, "End": true}}}`
			var seen []map[string]any
			record := func(_ context.Context, payload any) (any, error) {
				seen = append(seen, payload.(map[string]any))
				return "ok", nil
			}
			reg := NewRegistry()
			if shared {
				reg.SharedLambda("f", record)
			} else {
				reg.Lambda("f", record)
			}
			in, err := New(WithRegistry(reg))
			if err != nil {
				t.Fatal(err)
			}
			m, err := in.Load("m", []byte(def))
			if err != nil {
				t.Fatal(err)
			}
			res, _, err := in.Run(t.Context(), m, map[string]any{"a": map[string]any{"b": "c"}})
			if err != nil || res.Status != StatusSucceeded {
				t.Fatalf("got %v %v, want success", res, err)
			}
			if len(seen) != 2 || !reflect.DeepEqual(seen[0], seen[1]) || !reflect.DeepEqual(seen[0]["a"], map[string]any{"b": "c"}) {
				t.Fatalf("got payloads %v, want the input twice", seen)
			}
			same := reflect.ValueOf(seen[0]["a"]).Pointer() == reflect.ValueOf(seen[1]["a"]).Pointer()
			if same != shared {
				t.Errorf("got the same value in both calls %v, want %v", same, shared)
			}
		})
	}
}
