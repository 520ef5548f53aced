package storetest

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// testEnforcements covers rule enforcements: create, get, duplicates,
// filters and paging.
func testEnforcements(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	a := newEnforcement("a", "examples.on_hook", "ti1", "e1", 1)
	must(t, s.CreateEnforcement(ctx, a))
	failed := newEnforcement("b", "examples.on_timer", "ti2", "", 2)
	failed.Status, failed.FailureReason = execution.EnforcementFailed, "action examples.nope not found"
	must(t, s.CreateEnforcement(ctx, failed))
	must(t, s.CreateEnforcement(ctx, newEnforcement("c", "examples.on_hook", "ti2", "e3", 3)))
	got, err := s.GetEnforcement(ctx, "b")
	must(t, err)
	sameJSON(t, "enforcement", got, failed)
	_, err = s.GetEnforcement(ctx, "nope")
	wantErr(t, "get missing", err, execution.ErrNotFound)
	wantErr(t, "duplicate", s.CreateEnforcement(ctx, a), execution.ErrConflict)
	bad := a
	bad.ID, bad.Status = "x", "maybe"
	wantErr(t, "invalid", s.CreateEnforcement(ctx, bad), execution.ErrInvalid)
	tests := []struct {
		name string
		q    execution.EnforcementQuery
		want []string
	}{
		{"all", execution.EnforcementQuery{}, []string{"c", "b", "a"}},
		{"rule", execution.EnforcementQuery{Rule: "examples.on_hook"}, []string{"c", "a"}},
		{"trigger instance", execution.EnforcementQuery{TriggerInstanceID: "ti2"}, []string{"c", "b"}},
		{"execution", execution.EnforcementQuery{ExecutionID: "e3"}, []string{"c"}},
		{"time", execution.EnforcementQuery{TimeRange: execution.TimeRange{Until: at(3)}}, []string{"b", "a"}},
	}
	for _, tt := range tests {
		p, err := s.ListEnforcements(ctx, tt.q)
		must(t, err)
		sameIDs(t, tt.name, ids(p.Items, func(x execution.Enforcement) string { return x.ID }), tt.want)
	}
	q := execution.EnforcementQuery{PageQuery: execution.PageQuery{Limit: 1}}
	got2 := collect(t, 1, func(ctx2 contextT, tok string) ([]execution.Enforcement, string, error) {
		q.Token = tok
		p, err := s.ListEnforcements(ctx2, q)
		return p.Items, p.Next, err
	}, func(x execution.Enforcement) string { return x.ID })
	sameIDs(t, "paged", got2, []string{"c", "b", "a"})
}
