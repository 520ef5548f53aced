package interp

import (
	"testing"
)

func TestTestState(t *testing.T) {
	const task = `{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
		"Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"r.$":"$.v"},"ResultPath":"$.out",
		"Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":2}],
		"Catch":[{"ErrorEquals":["Boom"],"Next":"Handle"}],"Next":"After"}`
	tests := []struct {
		name, def, input      string
		opts                  TestStateOptions
		wantStatus, wantNext  string
		wantOutput, wantError string
		wantInspect           map[string]string
	}{
		{name: "pass", def: `{"Type":"Pass","InputPath":"$.a","Parameters":{"b.$":"$"},"End":true}`, input: `{"a":1}`,
			opts: TestStateOptions{InspectionLevel: InspectDEBUG}, wantStatus: TestStatusSucceeded, wantOutput: `{"b":1}`,
			wantInspect: map[string]string{"input": `{"a":1}`, "afterInputPath": `1`, "afterParameters": `{"b":1}`, "afterResultPath": `{"b":1}`}},
		{name: "choice next state", def: `{"Type":"Choice","Choices":[{"Variable":"$.x","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"}`,
			input: `{"x":2}`, wantStatus: TestStatusSucceeded, wantNext: "Big", wantOutput: `{"x":2}`},
		{name: "fail", def: `{"Type":"Fail","Error":"E","Cause":"C"}`, input: `{}`, wantStatus: TestStatusFailed, wantError: "E"},
		{name: "task mock result", def: task, input: `{"k":1}`,
			opts:       TestStateOptions{InspectionLevel: InspectTRACE, Mock: &TestStateMock{Result: map[string]any{"v": 7.0}}},
			wantStatus: TestStatusSucceeded, wantNext: "After", wantOutput: `{"k":1,"out":{"r":7}}`,
			wantInspect: map[string]string{"result": `{"v":7}`, "afterResultSelector": `{"r":7}`, "afterParameters": `{"FunctionName":"f","Payload":{"k":1}}`}},
		{name: "task caught", def: task, input: `{}`, opts: TestStateOptions{InspectionLevel: InspectDEBUG, Mock: &TestStateMock{Error: "Boom", Cause: "c"}},
			wantStatus: TestStatusCaughtError, wantNext: "Handle", wantError: "Boom", wantOutput: `{"Cause":"c","Error":"Boom"}`,
			wantInspect: map[string]string{"errorDetails": `{"catchIndex":0}`}},
		{name: "task retriable", def: task, input: `{}`, opts: TestStateOptions{InspectionLevel: InspectDEBUG, RetrierRetryCount: 1, Mock: &TestStateMock{Error: "Flaky"}},
			wantStatus: TestStatusRetriable, wantError: "Flaky",
			wantInspect: map[string]string{"errorDetails": `{"retryBackoffIntervalSeconds":4,"retryIndex":0}`}},
		{name: "task retrier exhausted", def: task, input: `{}`, opts: TestStateOptions{RetrierRetryCount: 3, Mock: &TestStateMock{Error: "Flaky"}},
			wantStatus: TestStatusFailed, wantError: "Flaky"},
		{name: "nested state of a machine", def: `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"In","States":{"In":{"Type":"Pass","Result":"x","End":true}}},"End":true}}}`,
			input: `{}`, opts: TestStateOptions{StateName: "In"}, wantStatus: TestStatusSucceeded, wantOutput: `"x"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := newTestInterp(t)
			res, err := in.TestState(t.Context(), []byte(tc.def), decode(t, tc.input), tc.opts)
			if err != nil {
				t.Fatalf("TestState: %v", err)
			}
			if res.Status != tc.wantStatus || res.NextState != tc.wantNext || res.Error != tc.wantError {
				t.Errorf("got status %s next %q error %q, want %s %q %q", res.Status, res.NextState, res.Error, tc.wantStatus, tc.wantNext, tc.wantError)
			}
			if tc.wantOutput != "" && encode(res.Output) != tc.wantOutput {
				t.Errorf("got output %s, want %s", encode(res.Output), tc.wantOutput)
			}
			for k, want := range tc.wantInspect {
				if got := encode(res.InspectionData[k]); got != want {
					t.Errorf("got inspectionData.%s %s, want %s", k, got, want)
				}
			}
		})
	}
}

func TestTestStateBadDefinition(t *testing.T) {
	in := newTestInterp(t)
	for _, def := range []string{`{`, `{"Type":"Nope"}`, `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`} {
		if _, err := in.TestState(t.Context(), []byte(def), map[string]any{}, TestStateOptions{StateName: ""}); err == nil {
			t.Errorf("TestState(%s): got no error, want one", def)
		}
	}
}
