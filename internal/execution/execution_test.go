package execution_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

func TestApply(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	e := execution.Execution{ID: "e", Action: execution.Action{Ref: "core.local"}, Status: execution.StatusRunning, StartTimestamp: start}
	e.Apply(execution.Change{From: execution.StatusRunning, To: execution.StatusPausing, At: start.Add(time.Second)})
	if !e.EndTimestamp.IsZero() {
		t.Errorf("pausing: got end %v, want none", e.EndTimestamp)
	}
	e.Apply(execution.Change{From: execution.StatusPausing, To: execution.StatusFailed, At: start.Add(2500 * time.Millisecond), Result: json.RawMessage(`{"error":"x"}`)})
	if e.Status != execution.StatusFailed || e.ElapsedSeconds != 2.5 || string(e.Result) != `{"error":"x"}` {
		t.Errorf("got status %s, elapsed %v, result %s; want failed, 2.5, {\"error\":\"x\"}", e.Status, e.ElapsedSeconds, e.Result)
	}
	if len(e.Log) != 2 || e.Log[1].Status != execution.StatusFailed {
		t.Errorf("got log %v, want pausing then failed", e.Log)
	}
}

func TestExecutionJSONShape(t *testing.T) {
	e := execution.Execution{
		ID: "5f0c", Action: execution.Action{Ref: "core.local", RunnerType: "local-shell-cmd"},
		Runner: execution.Runner{Name: "local-shell-cmd"}, Status: execution.StatusSucceeded,
		StartTimestamp: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), EndTimestamp: time.Date(2026, 1, 1, 0, 0, 1, 0, time.UTC),
		ElapsedSeconds: 1, Parent: "p", Children: []string{"c"},
		Context: execution.Context{User: "stanley", TraceContext: &execution.TraceContext{TraceTag: "t"},
			Parent: &execution.ParentRef{ExecutionID: "p"}},
		Log: []execution.LogEntry{{Timestamp: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Status: "requested"}},
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"id"`, `"action":{"ref":"core.local"`, `"runner_type"`, `"runner":{"name"`, `"status":"succeeded"`,
		`"start_timestamp"`, `"end_timestamp"`, `"elapsed_seconds":1`, `"context":{"user":"stanley"`,
		`"trace_context":{"trace_tag":"t"}`, `"parent":{"execution_id":"p"}`, `"parent":"p"`, `"children":["c"]`, `"log":[{"timestamp"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("got %s, want it to contain %s", b, key)
		}
	}
}
