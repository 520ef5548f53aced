package storetest

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// testTriggerInstances covers trigger instances: create, get, duplicates,
// filters and the status compare-and-set.
func testTriggerInstances(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	a := newTriggerInstance("a", "core.st2.webhook", 1)
	must(t, s.CreateTriggerInstance(ctx, a))
	must(t, s.CreateTriggerInstance(ctx, newTriggerInstance("b", "core.st2.IntervalTimer", 2)))
	must(t, s.CreateTriggerInstance(ctx, newTriggerInstance("c", "core.st2.webhook", 3)))
	got, err := s.GetTriggerInstance(ctx, "a")
	must(t, err)
	sameJSON(t, "trigger instance", got, a)
	_, err = s.GetTriggerInstance(ctx, "nope")
	wantErr(t, "get missing", err, execution.ErrNotFound)
	wantErr(t, "duplicate", s.CreateTriggerInstance(ctx, newTriggerInstance("a", "x.y", 9)), execution.ErrConflict)
	bad := newTriggerInstance("", "x.y", 1)
	wantErr(t, "invalid", s.CreateTriggerInstance(ctx, bad), execution.ErrInvalid)

	cas := []struct {
		name     string
		id       string
		from, to execution.TriggerInstanceStatus
		want     error
	}{
		{"processed", "a", execution.TriggerProcessing, execution.TriggerProcessed, nil},
		{"stale", "a", execution.TriggerProcessing, execution.TriggerProcessingFailed, execution.ErrConflict},
		{"missing", "nope", execution.TriggerProcessing, execution.TriggerProcessed, execution.ErrNotFound},
		{"unknown status", "b", execution.TriggerProcessing, "done", execution.ErrInvalid},
	}
	for _, tt := range cas {
		_, err := s.SetTriggerInstanceStatus(ctx, tt.id, tt.from, tt.to)
		wantErr(t, tt.name, err, tt.want)
	}
	tests := []struct {
		name string
		q    execution.TriggerInstanceQuery
		want []string
	}{
		{"all", execution.TriggerInstanceQuery{}, []string{"c", "b", "a"}},
		{"trigger", execution.TriggerInstanceQuery{Trigger: "core.st2.webhook"}, []string{"c", "a"}},
		{"status", execution.TriggerInstanceQuery{Status: execution.TriggerProcessed}, []string{"a"}},
		{"time", execution.TriggerInstanceQuery{TimeRange: execution.TimeRange{Since: at(2), Until: at(3)}}, []string{"b"}},
	}
	for _, tt := range tests {
		p, err := s.ListTriggerInstances(ctx, tt.q)
		must(t, err)
		sameIDs(t, tt.name, ids(p.Items, func(x execution.TriggerInstance) string { return x.ID }), tt.want)
	}
	q := execution.TriggerInstanceQuery{PageQuery: execution.PageQuery{Limit: 2}}
	got2 := collect(t, 2, func(ctx2 contextT, tok string) ([]execution.TriggerInstance, string, error) {
		q.Token = tok
		p, err := s.ListTriggerInstances(ctx2, q)
		return p.Items, p.Next, err
	}, func(x execution.TriggerInstance) string { return x.ID })
	sameIDs(t, "paged", got2, []string{"c", "b", "a"})
}
