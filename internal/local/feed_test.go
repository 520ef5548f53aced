package local

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
)

// collect reads changes until want holds for the events seen or the
// deadline passes, and returns the events by name.
func collect(t *testing.T, ch <-chan api.Change, want func(map[string][]api.Change) bool) map[string][]api.Change {
	t.Helper()
	seen := map[string][]api.Change{}
	timeout := time.After(20 * time.Second)
	for !want(seen) {
		select {
		case c, ok := <-ch:
			if !ok {
				t.Fatal("the feed closed")
			}
			seen[c.Event] = append(seen[c.Event], c)
		case <-timeout:
			names := map[string]int{}
			for k, v := range seen {
				names[k] = len(v)
			}
			t.Fatalf("got events %v, want more", names)
		}
	}
	return seen
}

func TestFeedReportsEveryWriteOfAWebhook(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	ch := e.Notifier().Subscribe(t.Context())
	ev := webhook(t, e, "hello", map[string]any{"name": "Ada"})
	d, _ := ev.TriggerDetail()
	succeeded := func(seen map[string][]api.Change) bool {
		for _, c := range seen[api.EventExecutionUpdate] {
			if x := c.Data.(execution.Execution); x.Status == execution.StatusSucceeded && x.Action.Ref == "core.echo" {
				return len(seen[api.EventTriggerInstanceUpdate]) > 0
			}
		}
		return false
	}
	seen := collect(t, ch, succeeded)
	if got := seen[api.EventTriggerInstance]; len(got) == 0 || got[0].Data.(execution.TriggerInstance).ID != d.ID {
		t.Errorf("got trigger instance creates %v, want %s first", got, d.ID)
	}
	if len(seen[api.EventEnforcementCreate]) == 0 {
		t.Error("got no rule enforcement")
	}
	creates := seen[api.EventExecutionCreate]
	if len(creates) == 0 {
		t.Fatal("got no execution create")
	}
	if x := creates[0].Data.(execution.Execution); x.TriggerInstance == nil || x.TriggerInstance.ID != d.ID {
		t.Errorf("got execution %+v, want one of trigger instance %s", x, d.ID)
	}
	for _, c := range seen[api.EventTriggerInstanceUpdate] {
		ti := c.Data.(execution.TriggerInstance)
		if ti.ID != d.ID {
			continue
		}
		stored, err := e.Store().GetTriggerInstance(t.Context(), d.ID)
		got, _ := json.Marshal(ti)
		want, _ := json.Marshal(stored)
		if err != nil || ti.Status != execution.TriggerProcessed || string(got) != string(want) {
			t.Errorf("got trigger instance\n%s\nwant processed as stored\n%s (%v)", got, want, err)
		}
	}
}

func TestFeedReportsOutputAndInquiries(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	ch := e.Notifier().Subscribe(t.Context())
	if _, err := e.Submit(t.Context(), "core.local", map[string]any{"cmd": "echo streamed-line"}); err != nil {
		t.Fatal(err)
	}
	seen := collect(t, ch, func(seen map[string][]api.Change) bool { return len(seen[api.EventExecutionOutput]) > 0 })
	if o := seen[api.EventExecutionOutput][0].Data.(api.OutputEvent); o.Data != "streamed-line\n" || o.OutputType != "stdout" {
		t.Errorf("got output %+v, want stdout streamed-line", o)
	}
	if _, err := e.Submit(t.Context(), "t.approve", nil); err != nil {
		t.Fatal(err)
	}
	seen = collect(t, ch, func(seen map[string][]api.Change) bool { return len(seen[api.EventInquiryCreate]) > 0 })
	q := seen[api.EventInquiryCreate][0].Data.(execution.Inquiry)
	if _, err := e.Respond(t.Context(), q.ID, map[string]any{"name": "Ada"}, "ada"); err != nil {
		t.Fatalf("responding: %v", err)
	}
	seen = collect(t, ch, func(seen map[string][]api.Change) bool { return len(seen[api.EventInquiryUpdate]) > 0 })
	if q := seen[api.EventInquiryUpdate][0].Data.(execution.Inquiry); q.Status != execution.InquirySucceeded || q.RespondedBy != "ada" {
		t.Errorf("got inquiry %+v, want succeeded by ada", q)
	}
	if x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.approve"}); x.Status != execution.StatusSucceeded {
		t.Errorf("got workflow %s, want succeeded", x.Status)
	}
}

func TestFeedStopsWhenTheLastSubscriberLeaves(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	ctx, cancel := context.WithCancel(t.Context())
	ch := e.Notifier().Subscribe(ctx)
	cancel()
	for range ch { // closed once ctx ends
	}
	if e.feed.listening.Load() {
		t.Error("the feed still listens, want it stopped")
	}
	webhook(t, e, "hello", map[string]any{"name": "Ada"}) // reported to nobody
	waitFinal(t, e, execution.ExecutionQuery{Action: "core.echo"})
}

// The records the feed works out without reading them back (a batch's
// new execution, a batch's status change applied in memory) are the
// records the store holds.
func TestFeedRecordsMatchTheStore(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	ch := e.Notifier().Subscribe(t.Context())
	id, err := e.Submit(t.Context(), "t.wf", map[string]any{"who": "feed"})
	if err != nil {
		t.Fatal(err)
	}
	last := map[string]execution.Execution{}
	collect(t, ch, func(seen map[string][]api.Change) bool {
		for _, name := range []string{api.EventExecutionCreate, api.EventExecutionUpdate} {
			for _, c := range seen[name] {
				x := c.Data.(execution.Execution)
				last[x.ID] = x
			}
			seen[name] = nil
		}
		wf, ok := last[id]
		return ok && wf.Status == execution.StatusSucceeded
	})
	if len(last) < 3 {
		t.Fatalf("got %d executions reported, want the workflow and its two tasks", len(last))
	}
	for xid, got := range last {
		want, err := e.Store().GetExecution(t.Context(), xid)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if got.Status.Final() && string(g) != string(w) {
			t.Errorf("execution %s: reported\n%s\nstored\n%s", xid, g, w)
		}
	}
}
