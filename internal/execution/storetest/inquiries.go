package storetest

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// testInquiries covers inquiries: create, get, duplicates, the status
// filter and resolving exactly once.
func testInquiries(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	a := newInquiry("a", 1)
	must(t, s.CreateInquiry(ctx, a))
	must(t, s.CreateInquiry(ctx, newInquiry("b", 2)))
	got, err := s.GetInquiry(ctx, "a")
	must(t, err)
	sameJSON(t, "inquiry", got, a)
	_, err = s.GetInquiry(ctx, "nope")
	wantErr(t, "get missing", err, execution.ErrNotFound)
	wantErr(t, "duplicate", s.CreateInquiry(ctx, a), execution.ErrConflict)
	answered := newInquiry("c", 3)
	answered.Status = execution.InquirySucceeded
	wantErr(t, "created answered", s.CreateInquiry(ctx, answered), execution.ErrInvalid)

	r := execution.Resolution{Status: execution.InquirySucceeded, Response: json.RawMessage(`{"approve":true}`), By: "stanley", At: at(5)}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { _, errs[i] = s.ResolveInquiry(ctx, "a", r) })
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		wantErr(t, "second response", err, execution.ErrConflict)
	}
	if won != 1 {
		t.Errorf("got %d accepted responses, want 1", won)
	}
	got, err = s.GetInquiry(ctx, "a")
	must(t, err)
	want := a
	want.Resolve(r)
	sameJSON(t, "answered inquiry", got, want)
	_, err = s.ResolveInquiry(ctx, "nope", r)
	wantErr(t, "resolve missing", err, execution.ErrNotFound)
	_, err = s.ResolveInquiry(ctx, "b", execution.Resolution{Status: execution.InquiryPending, At: at(5)})
	wantErr(t, "resolve to pending", err, execution.ErrInvalid)

	p, err := s.ListInquiries(ctx, execution.InquiryQuery{Status: execution.InquiryPending})
	must(t, err)
	sameIDs(t, "pending", ids(p.Items, func(x execution.Inquiry) string { return x.ID }), []string{"b"})
	p, err = s.ListInquiries(ctx, execution.InquiryQuery{})
	must(t, err)
	sameIDs(t, "all", ids(p.Items, func(x execution.Inquiry) string { return x.ID }), []string{"b", "a"})
}
