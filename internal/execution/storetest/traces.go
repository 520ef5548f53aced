package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// testTraces covers traces: create, get, duplicates, the tag filter and
// concurrent additions of components.
func testTraces(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	a := newTrace("a", "tag-1", 1)
	must(t, s.CreateTrace(ctx, a))
	must(t, s.CreateTrace(ctx, newTrace("b", "tag-2", 2)))
	must(t, s.CreateTrace(ctx, newTrace("c", "tag-1", 3)))
	got, err := s.GetTrace(ctx, "a")
	must(t, err)
	sameJSON(t, "trace", got, a)
	_, err = s.GetTrace(ctx, "nope")
	wantErr(t, "get missing", err, execution.ErrNotFound)
	wantErr(t, "duplicate", s.CreateTrace(ctx, a), execution.ErrConflict)
	wantErr(t, "invalid", s.CreateTrace(ctx, newTrace("d", "", 1)), execution.ErrInvalid)
	p, err := s.ListTraces(ctx, execution.TraceQuery{TraceTag: "tag-1"})
	must(t, err)
	sameIDs(t, "by tag", ids(p.Items, func(x execution.Trace) string { return x.ID }), []string{"c", "a"})
	p, err = s.ListTraces(ctx, execution.TraceQuery{TimeRange: execution.TimeRange{Since: at(2)}})
	must(t, err)
	sameIDs(t, "by time", ids(p.Items, func(x execution.Trace) string { return x.ID }), []string{"c", "b"})

	rule := execution.TraceComponent{ObjectID: "r1", Ref: "examples.on_hook", UpdatedAt: at(2),
		CausedBy: &execution.Cause{Type: "trigger_instance", ID: "ti-a"}}
	got, err = s.AddTraceComponents(ctx, "a", execution.TraceComponents{Rules: []execution.TraceComponent{rule}})
	must(t, err)
	want := a
	want.Rules = []execution.TraceComponent{rule}
	sameJSON(t, "trace with rule", got, want)
	_, err = s.AddTraceComponents(ctx, "nope", execution.TraceComponents{Rules: []execution.TraceComponent{rule}})
	wantErr(t, "add to missing", err, execution.ErrNotFound)

	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			c := execution.TraceComponent{ObjectID: fmt.Sprint("e", i), UpdatedAt: at(3)}
			_, err := s.AddTraceComponents(ctx, "b", execution.TraceComponents{ActionExecutions: []execution.TraceComponent{c}})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, err = s.GetTrace(ctx, "b")
	must(t, err)
	if n := len(got.ActionExecutions); n != 20 {
		t.Errorf("got %d action executions after concurrent additions, want 20", n)
	}
}
