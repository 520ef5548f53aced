package conformance

import (
	"encoding/json"
	"testing"
)

func TestRecordedHistoriesBadData(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    int
		wantErr bool
	}{
		{"no events", `{"describe": {"status": "SUCCEEDED"}}`, 0, false},
		{"events not a list", `{"h": {"events": 3}}`, 0, false},
		{"event not an object", `{"h": {"events": [1]}}`, 0, true},
		{"not starting with ExecutionStarted", `{"h": {"events": [{"id": 1, "type": "PassStateEntered"}]}}`, 0, false},
		{"ids lost", `{"h": {"events": [{"id": 1, "type": "ExecutionStarted"}, {"id": [0], "previousEventId": 0, "type": "TaskStateAborted"}]}}`, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var content map[string]json.RawMessage
			if err := json.Unmarshal([]byte(tt.content), &content); err != nil {
				t.Fatal(err)
			}
			hs, err := recordedHistories(content)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if len(hs) != tt.want {
				t.Errorf("got %d histories, want %d", len(hs), tt.want)
			}
		})
	}
}

func TestCallsFollowPreviousEventID(t *testing.T) {
	events := `[
		{"id": 1, "previousEventId": 0, "type": "ExecutionStarted", "executionStartedEventDetails": {"input": "{}"}},
		{"id": 2, "previousEventId": 0, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "A", "input": "{}"}},
		{"id": 3, "previousEventId": 2, "type": "TaskScheduled", "taskScheduledEventDetails": {"parameters": {"p": 1}}},
		{"id": 4, "previousEventId": 3, "type": "TaskStarted"},
		{"id": 5, "previousEventId": 4, "type": "TaskFailed", "taskFailedEventDetails": {"error": "E", "cause": {"errorMessage": "m"}}},
		{"id": 6, "previousEventId": 5, "type": "TaskScheduled", "taskScheduledEventDetails": {"parameters": {"p": 1}}},
		{"id": 7, "previousEventId": 6, "type": "TaskStarted"},
		{"id": 8, "previousEventId": 7, "type": "TaskSucceeded", "taskSucceededEventDetails": {"output": "[1]"}}
	]`
	var raw []any
	if err := json.Unmarshal([]byte(events), &raw); err != nil {
		t.Fatal(err)
	}
	h, err := parseHistory("h", raw)
	if err != nil {
		t.Fatal(err)
	}
	calls := h.calls()["A"]
	if len(calls) != 2 {
		t.Fatalf("got %d calls of A, want 2", len(calls))
	}
	if !calls[0].failed() || calls[0].Error != "E" || calls[0].Cause != `{"errorMessage":"m"}` {
		t.Errorf("got first call %+v, want failed with E and the cause as JSON text", calls[0])
	}
	if !calls[1].succeeded() || match([]any{1.0}, calls[1].Output) != "" {
		t.Errorf("got second call %+v, want succeeded with [1]", calls[1])
	}
}
