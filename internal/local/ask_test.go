package local

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/enforce"
	"github.com/stormless/stormless/internal/execution"
)

var askParams = map[string]any{"schema": map[string]any{"type": "object",
	"properties": map[string]any{"ok": map[string]any{"type": "boolean", "required": true}}}}

func TestDirectAskWaitsForValidResponse(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "core.ask", askParams)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusPending)
	q, err := e.Store().GetInquiry(t.Context(), id)
	if err != nil || q.Status != execution.InquiryPending {
		t.Fatalf("got inquiry %s (%v), want pending", q.Status, err)
	}
	if _, err := e.Respond(t.Context(), id, map[string]any{"ok": "yes"}, "ann"); !errors.Is(err, enforce.ErrInvalidResponse) {
		t.Fatalf("got %v for a response failing the schema, want ErrInvalidResponse", err)
	}
	if x, _ := e.Store().GetExecution(t.Context(), id); x.Status != execution.StatusPending {
		t.Fatalf("got %s after an invalid response, want still pending", x.Status)
	}
	if _, err := e.Respond(t.Context(), id, map[string]any{"ok": true}, "ann"); err != nil {
		t.Fatal(err)
	}
	x := waitFinal(t, e, execution.ExecutionQuery{Action: "core.ask"})
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), `"response":{"ok":true}`) {
		t.Fatalf("got %s %s, want succeeded with the response", x.Status, x.Result)
	}
	if got, want := statuses(x), "requested,scheduled,running,pending,succeeded"; got != want {
		t.Errorf("got log %s, want %s", got, want)
	}
}

func TestDirectAskSurvivesClose(t *testing.T) {
	dir := t.TempDir()
	e := newEngine(t, dir)
	id, err := e.Submit(t.Context(), "core.ask", askParams)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusPending)
	closeQuickly(t, e)
	again := newEngine(t, dir)
	defer again.Close()
	if x, _ := again.Store().GetExecution(t.Context(), id); x.Status != execution.StatusPending {
		t.Fatalf("got %s after a restart, want still pending", x.Status)
	}
	if _, err := again.Respond(t.Context(), id, map[string]any{"ok": false}, "ann"); err != nil {
		t.Fatal(err)
	}
	if x := waitStatus(t, again, id, execution.StatusSucceeded); !strings.Contains(string(x.Result), `"ok":false`) {
		t.Errorf("got result %s, want the response", x.Result)
	}
}

func TestCancelDirectAskCancelsInquiry(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "core.ask", askParams)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusPending)
	if x, err := e.Cancel(t.Context(), id, "ann"); err != nil || x.Status != execution.StatusCanceled {
		t.Fatalf("got %s (%v), want canceled", x.Status, err)
	}
	if q, _ := e.Store().GetInquiry(t.Context(), id); q.Status != execution.InquiryCanceled {
		t.Errorf("got inquiry %s, want canceled", q.Status)
	}
	if _, err := e.Respond(t.Context(), id, map[string]any{"ok": true}, "ann"); !errors.Is(err, execution.ErrConflict) {
		t.Errorf("got %v answering a canceled inquiry, want ErrConflict", err)
	}
}

// actionTriggerOf waits for the core.st2.generic.actiontrigger trigger
// instance of execution id and returns its payload.
func actionTriggerOf(t *testing.T, e *Engine, trigger, id string) map[string]any {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		page, err := e.Store().ListTriggerInstances(t.Context(), execution.TriggerInstanceQuery{Trigger: trigger})
		if err != nil {
			t.Fatal(err)
		}
		for _, ti := range page.Items {
			var p map[string]any
			if json.Unmarshal(ti.Payload, &p) == nil && p["execution_id"] == id {
				return p
			}
		}
	}
	t.Fatalf("no %s trigger instance for %s after 10s", trigger, id)
	return nil
}

func TestCancelEmitsActionTrigger(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	id, err := e.Submit(t.Context(), "core.local", map[string]any{"cmd": "sleep 5"})
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, e, id, execution.StatusRunning)
	if _, err := e.Cancel(t.Context(), id, "ann"); err != nil {
		t.Fatal(err)
	}
	p := actionTriggerOf(t, e, enforce.ActionTrigger, id)
	if p["status"] != "canceled" || p["action_ref"] != "core.local" {
		t.Errorf("got action trigger %v, want status canceled for core.local", p)
	}
}
