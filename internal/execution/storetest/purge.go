package storetest

import (
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

// testPurge covers retention: what ended before the cutoff goes, what is
// in flight or newer stays.
func testPurge(t *testing.T, open Open) {
	s := open(t)
	ctx := t.Context()
	finish := func(id string, n int) {
		must(t, s.CreateExecution(ctx, newExecution(id, "core.local", n)))
		for _, c := range []execution.Change{{From: "requested", To: "scheduled"}, {From: "scheduled", To: "running"}, {From: "running", To: "succeeded"}} {
			c.At = at(n + 1)
			_, err := s.TransitionExecution(ctx, id, c)
			must(t, err)
		}
	}
	finish("old", 1)
	must(t, s.AppendOutput(ctx, "old", []execution.OutputLine{{Timestamp: at(1), OutputType: execution.Stdout, Data: "x"}}))
	must(t, s.CreateExecution(ctx, newExecution("stuck", "core.local", 1))) // in flight: kept
	finish("new", 100)
	must(t, s.CreateTriggerInstance(ctx, newTriggerInstance("ti-old", "t.t", 1)))
	must(t, s.CreateTriggerInstance(ctx, newTriggerInstance("ti-new", "t.t", 100)))
	must(t, s.CreateEnforcement(ctx, newEnforcement("en-old", "r.r", "ti-old", "old", 1)))
	must(t, s.CreateEnforcement(ctx, newEnforcement("en-new", "r.r", "ti-new", "new", 100)))
	must(t, s.CreateTrace(ctx, newTrace("tr-old", "x", 1)))
	must(t, s.CreateTrace(ctx, newTrace("tr-new", "x", 100)))
	must(t, s.CreateInquiry(ctx, newInquiry("q-old", 1)))
	must(t, s.CreateInquiry(ctx, newInquiry("q-pending", 1)))
	_, err := s.ResolveInquiry(ctx, "q-old", execution.Resolution{Status: execution.InquiryTimeout, At: at(2)})
	must(t, err)

	got, err := s.Purge(ctx, at(50))
	must(t, err)
	want := execution.Purged{Executions: 1, OutputLines: 1, TriggerInstances: 1, Enforcements: 1, Traces: 1, Inquiries: 1}
	if got != want {
		t.Errorf("got purged %+v, want %+v", got, want)
	}
	gone := map[string]func(string) error{
		"old":    func(id string) error { _, err := s.GetExecution(ctx, id); return err },
		"ti-old": func(id string) error { _, err := s.GetTriggerInstance(ctx, id); return err },
		"en-old": func(id string) error { _, err := s.GetEnforcement(ctx, id); return err },
		"tr-old": func(id string) error { _, err := s.GetTrace(ctx, id); return err },
		"q-old":  func(id string) error { _, err := s.GetInquiry(ctx, id); return err },
	}
	for id, get := range gone {
		wantErr(t, "purged "+id, get(id), execution.ErrNotFound)
	}
	kept := map[string]func(string) error{
		"stuck":     gone["old"],
		"new":       gone["old"],
		"ti-new":    gone["ti-old"],
		"en-new":    gone["en-old"],
		"tr-new":    gone["tr-old"],
		"q-pending": gone["q-old"],
	}
	for id, get := range kept {
		wantErr(t, "kept "+id, get(id), nil)
	}
}
