package sqlitestore

import (
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/execution"
)

// sortOldestFirst orders executions by start timestamp, then id.
func sortOldestFirst(es []execution.Execution) {
	slices.SortFunc(es, func(a, b execution.Execution) int {
		if c := a.StartTimestamp.Compare(b.StartTimestamp); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}
