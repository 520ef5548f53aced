package storetest

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// filterFixture creates executions that each filter tells apart, and
// returns them by id.
func filterFixture(t *testing.T, s execution.Store) {
	ctx := t.Context()
	mk := func(id, action string, n int, edit func(*execution.Execution)) {
		e := newExecution(id, action, n)
		if edit != nil {
			edit(&e)
		}
		must(t, s.CreateExecution(ctx, e))
	}
	mk("a", "core.local", 1, nil)
	mk("b", "core.http", 2, func(e *execution.Execution) {
		e.Rule = &execution.RuleRef{Ref: "examples.on_hook"}
		e.TriggerType = &execution.TriggerTypeRef{Ref: "core.st2.webhook"}
	})
	mk("c", "core.local", 3, func(e *execution.Execution) {
		e.Rule = &execution.RuleRef{Ref: "examples.on_timer"}
		e.TriggerType = &execution.TriggerTypeRef{Ref: "core.st2.IntervalTimer"}
	})
	mk("d", "core.local", 4, func(e *execution.Execution) { e.Parent = "c" })
	mk("e", "core.http", 5, func(e *execution.Execution) { e.Status = execution.StatusScheduled })
	mk("f", "examples.wf", 6, func(e *execution.Execution) { e.Status = execution.StatusFailed })
}

// testExecutionFilters covers each filter of ListExecutions and
// InFlightExecutions.
func testExecutionFilters(t *testing.T, open Open) {
	s := open(t)
	filterFixture(t, s)
	tests := []struct {
		name string
		q    execution.ExecutionQuery
		want []string
	}{
		{"all newest first", execution.ExecutionQuery{}, []string{"f", "e", "d", "c", "b", "a"}},
		{"action", execution.ExecutionQuery{Action: "core.local"}, []string{"d", "c", "a"}},
		{"status", execution.ExecutionQuery{Status: execution.StatusScheduled}, []string{"e"}},
		{"rule", execution.ExecutionQuery{Rule: "examples.on_hook"}, []string{"b"}},
		{"trigger type", execution.ExecutionQuery{TriggerType: "core.st2.IntervalTimer"}, []string{"c"}},
		{"parent", execution.ExecutionQuery{Parent: "c"}, []string{"d"}},
		{"top level", execution.ExecutionQuery{TopLevel: true, Action: "core.local"}, []string{"c", "a"}},
		{"since", execution.ExecutionQuery{TimeRange: execution.TimeRange{Since: at(5)}}, []string{"f", "e"}},
		{"until", execution.ExecutionQuery{TimeRange: execution.TimeRange{Until: at(2)}}, []string{"a"}},
		{"range and action", execution.ExecutionQuery{Action: "core.http", TimeRange: execution.TimeRange{Since: at(2), Until: at(5)}}, []string{"b"}},
		{"no match", execution.ExecutionQuery{Action: "none.such"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.ListExecutions(t.Context(), tt.q)
			must(t, err)
			sameIDs(t, "executions", ids(page.Items, executionID), tt.want)
			if page.Next != "" {
				t.Errorf("got next token %q, want none", page.Next)
			}
		})
	}
	inflight, err := s.InFlightExecutions(t.Context())
	must(t, err)
	sameIDs(t, "in flight, oldest first", ids(inflight, executionID), []string{"a", "b", "c", "d", "e"})
}

// executionID returns e's id.
func executionID(e execution.Execution) string { return e.ID }
