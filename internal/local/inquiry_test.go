package local

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
)

func TestInquiryPausesWorkflow(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.approve", nil)
	if err != nil {
		t.Fatal(err)
	}
	q := waitInquiry(t, e)
	if x := waitStatus(t, e, id, execution.StatusPaused); !strings.HasSuffix(statuses(x), "running,pausing,paused") {
		t.Errorf("got log %s while the inquiry is pending, want it to end running,pausing,paused", statuses(x))
	}
	if _, err := e.Respond(t.Context(), q.ID, map[string]any{"nom": "x"}, "ann"); !errors.Is(err, enforce.ErrInvalidResponse) {
		t.Fatalf("got %v for a response missing the required name, want ErrInvalidResponse", err)
	}
	if _, err := e.Respond(t.Context(), q.ID, map[string]any{"name": "Ann"}, "ann"); err != nil {
		t.Fatalf("responding: %v", err)
	}
	if _, err := e.Respond(t.Context(), q.ID, map[string]any{"name": "Bob"}, "bob"); !errors.Is(err, execution.ErrConflict) {
		t.Errorf("got %v for a second response, want ErrConflict", err)
	}
	x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.approve"})
	if x.ID != id || x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "Ann") {
		t.Fatalf("got %s %s %s, want %s succeeded with Ann", x.ID, x.Status, x.Result, id)
	}
	if !strings.Contains(statuses(x), "paused,resuming,running,succeeded") {
		t.Errorf("got log %s, want the response to resume the workflow", statuses(x))
	}
	ask, err := e.Store().GetExecution(t.Context(), q.ID)
	if err != nil || ask.Parent != id || ask.Status != execution.StatusSucceeded || !strings.Contains(statuses(ask), "pending") {
		t.Errorf("got inquiry execution %s %s (%v), want a succeeded child of %s that was pending", ask.Status, statuses(ask), err, id)
	}
}

func waitInquiry(t *testing.T, e *Engine) execution.Inquiry {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		page, err := e.Store().ListInquiries(t.Context(), execution.InquiryQuery{Status: execution.InquiryPending})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 0 {
			return page.Items[0]
		}
	}
	t.Fatal("no pending inquiry after 10s")
	return execution.Inquiry{}
}

func TestRestartKeepsPendingInquiry(t *testing.T) {
	dir := t.TempDir()
	e, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")), WithDataDir(dir), WithTimers(false))
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := e.Submit(t.Context(), "t.approve", nil)
	if err != nil {
		t.Fatal(err)
	}
	q := waitInquiry(t, e)
	waitStatus(t, e, id, execution.StatusPaused)
	stop() // the engine stops with the workflow waiting
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	again := newEngine(t, dir)
	defer again.Close()
	got, err := again.Store().GetInquiry(t.Context(), q.ID)
	if err != nil || got.Status != execution.InquiryPending {
		t.Fatalf("got inquiry %s (%v) after a restart, want still pending", got.Status, err)
	}
	if _, err := again.Respond(t.Context(), q.ID, map[string]any{"name": "Ann"}, "ann"); err != nil {
		t.Fatalf("answering after a restart: %v", err)
	}
	x := waitFinal(t, again, execution.ExecutionQuery{Action: "t.approve"})
	if x.ID != id || x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "Ann") {
		t.Fatalf("got %s %s %s, want %s succeeded with Ann", x.ID, x.Status, x.Result, id)
	}
	if kids := children(t, again, id); len(kids) != 2 || kids[0].ID != q.ID {
		t.Errorf("got tasks %v, want the one inquiry then the greeting", refs(kids))
	}
}

func TestInquiryTTLExpires(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "t.approve_ttl", nil)
	if err != nil {
		t.Fatal(err)
	}
	q := waitInquiry(t, e)
	if err := e.sweep(t.Context(), time.Now()); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Store().GetInquiry(t.Context(), q.ID); got.Status != execution.InquiryPending {
		t.Fatalf("got inquiry %s before its TTL, want pending", got.Status)
	}
	if err := e.sweep(t.Context(), time.Now().Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	x := waitFinal(t, e, execution.ExecutionQuery{Action: "t.approve_ttl"})
	ask, _ := e.Store().GetExecution(t.Context(), q.ID)
	if x.ID != id || x.Status != execution.StatusFailed || ask.Status != execution.StatusTimeout {
		t.Errorf("got workflow %s and inquiry execution %s, want failed and timeout", x.Status, ask.Status)
	}
}
