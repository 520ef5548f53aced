package conformance

import (
	"encoding/json"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		ok        bool
	}{
		{"equal objects", `{"a":[1,"x"]}`, `{"a":[1,"x"]}`, true},
		{"different number", `{"a":1}`, `{"a":2}`, false},
		{"missing key", `{"a":1,"b":2}`, `{"a":1}`, false},
		{"extra key", `{"a":1}`, `{"a":1,"b":2}`, false},
		{"placeholder in string", `"arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>"`, `"arn:aws:states:us-east-1:111111111111:execution:conformance:x-1"`, true},
		{"placeholder keeps the rest", `"arn:<partition>:lambda:x"`, `"arn:aws:states:x"`, false},
		{"nested placeholder", `"<<task_token>:1>"`, `"00000000-0000-4000-8000-000000000001"`, true},
		{"date matches a timestamp", `"date"`, `"2024-09-11T12:00:00.000Z"`, true},
		{"date passes through", `"date"`, `"date"`, true},
		{"date needs a timestamp", `"date"`, `7`, false},
		{"redacted payload", `"stateExitedEventDetails.output"`, `{"any":1}`, true},
		{"object recorded for JSON text", `{"errorType":"E"}`, `"{\"errorType\": \"E\"}"`, true},
		{"RedriveCount added since", `{"StartTime":"date","Name":"n"}`, `{"StartTime":"2024-01-01T00:00:00Z","Name":"n","RedriveCount":0}`, true},
		{"null is not empty", `null`, `""`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want, got any
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.got), &got); err != nil {
				t.Fatal(err)
			}
			if d := match(want, got); (d == "") != tt.ok {
				t.Errorf("match(%s, %s) = %q, want ok=%v", tt.want, tt.got, d, tt.ok)
			}
		})
	}
}

func TestEntryName(t *testing.T) {
	tests := []struct{ name, id, want string }{
		{"plain", "tests/aws/services/stepfunctions/v2/base/test_base.py::TestSnfBase::test_x", "base.test_base.TestSnfBase.test_x"},
		{"slash and space", "tests/aws/services/stepfunctions/v2/test_sfn_api_activities.py::T::test_y[a/b c]", "v2.test_sfn_api_activities.T.test_y[a%2Fb%20c]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := entryName(tt.id); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
