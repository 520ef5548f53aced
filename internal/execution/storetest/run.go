package storetest

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// Open returns a new, empty store for one test; it should register its own
// cleanup with t.Cleanup.
type Open func(t *testing.T) execution.Store

// Run runs the whole suite against stores made by open, each subtest on a
// fresh store. Subtests run in parallel with each other when the adapter
// allows it; Run itself does not call t.Parallel.
func Run(t *testing.T, open Open) {
	suites := []struct {
		name string
		run  func(*testing.T, Open)
	}{
		{"Executions", testExecutions},
		{"Transitions", testTransitions},
		{"ExecutionFilters", testExecutionFilters},
		{"Paging", testPaging},
		{"PagingConcurrentInserts", testPagingConcurrentInserts},
		{"Output", testOutput},
		{"TriggerInstances", testTriggerInstances},
		{"Enforcements", testEnforcements},
		{"Traces", testTraces},
		{"Inquiries", testInquiries},
		{"Batch", testBatch},
		{"Purge", testPurge},
		{"Concurrency", testConcurrency},
	}
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) { s.run(t, open) })
	}
}
