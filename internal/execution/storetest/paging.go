package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// listAll returns a page function over ListExecutions with limit.
func listAll(s execution.Store, q execution.ExecutionQuery) func(context.Context, string) ([]execution.Execution, string, error) {
	return func(ctx context.Context, token string) ([]execution.Execution, string, error) {
		q.Token = token
		p, err := s.ListExecutions(ctx, q)
		return p.Items, p.Next, err
	}
}

// testPaging covers page sizes, ties on the ordering time and bad tokens.
func testPaging(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	var want []string
	for i := range 25 {
		id := fmt.Sprintf("p%02d", i)
		must(t, s.CreateExecution(ctx, newExecution(id, "core.local", i/3))) // three per second: ties
		want = append(want, id)
	}
	slices.Reverse(want)
	for _, limit := range []int{1, 7, 25, 100} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			got := collect(t, limit, listAll(s, execution.ExecutionQuery{PageQuery: execution.PageQuery{Limit: limit}}), executionID)
			sameIDs(t, "paged executions", got, want)
		})
	}
	_, err := s.ListExecutions(ctx, execution.ExecutionQuery{PageQuery: execution.PageQuery{Token: "not a token!"}})
	wantErr(t, "bad token", err, execution.ErrInvalid)
	p, err := s.ListExecutions(ctx, execution.ExecutionQuery{})
	must(t, err)
	if len(p.Items) != 25 || p.Next != "" {
		t.Errorf("default limit: got %d items and next %q, want 25 and none", len(p.Items), p.Next)
	}
}

// testPagingConcurrentInserts pages while other goroutines insert records
// older and newer than the page boundary: every record that existed before
// paging started is seen exactly once, and no record twice.
func testPagingConcurrentInserts(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	before := map[string]bool{}
	for i := range 60 {
		id := fmt.Sprintf("old%02d", i)
		must(t, s.CreateExecution(ctx, newExecution(id, "core.local", 100+i)))
		before[id] = true
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 30 {
				n := 70 + (i*37+w*11)%120 // older, inside and newer than the existing range
				_ = s.CreateExecution(ctx, newExecution(fmt.Sprintf("new%d-%02d", w, i), "core.local", n))
			}
		})
	}
	got := collect(t, 4, listAll(s, execution.ExecutionQuery{PageQuery: execution.PageQuery{Limit: 4}}), executionID)
	wg.Wait()
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Errorf("got %s twice", id)
		}
		seen[id] = true
	}
	for id := range before {
		if !seen[id] {
			t.Errorf("missed %s, which existed before paging", id)
		}
	}
}
