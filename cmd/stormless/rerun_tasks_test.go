package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/client/clienttest"
	"github.com/stormless/stormless/internal/execution"
)

// waitDone polls execution id on s's engine until it is final.
func waitDone(t *testing.T, s *clienttest.Server, id string) execution.Execution {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		x, err := s.Engine.Store().GetExecution(t.Context(), id)
		if err == nil && x.Status.Final() {
			return x
		}
	}
	t.Fatalf("execution %s never ended", id)
	return execution.Execution{}
}

func TestExecutionReRunFromTasks(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	id, err := s.Engine.Submit(t.Context(), "clitest.approve", nil)
	if err != nil {
		t.Fatal(err)
	}
	var q execution.Inquiry
	for deadline := time.Now().Add(20 * time.Second); q.ID == ""; time.Sleep(10 * time.Millisecond) {
		page, err := s.Engine.Store().ListInquiries(t.Context(), execution.InquiryQuery{Status: execution.InquiryPending})
		if err != nil || time.Now().After(deadline) {
			t.Fatalf("no inquiry (%v)", err)
		}
		if len(page.Items) > 0 {
			q = page.Items[0]
		}
	}
	if _, err := s.Engine.Respond(t.Context(), q.ID, map[string]any{"name": "Ada"}, "ada"); err != nil {
		t.Fatal(err)
	}
	if x := waitDone(t, s, id); x.Status != execution.StatusSucceeded {
		t.Fatalf("first run %s", x.Status)
	}

	// From greet: no new inquiry, the name published before greet is kept.
	out, errOut, code := cli(t, "execution", "re-run", id, "--tasks", "greet", "--async")
	wantExit(t, code, 0, out, errOut)
	again := strings.TrimSpace(out)
	if !idPattern.MatchString(again) || again == id {
		t.Fatalf("got %q, want the new execution's id", out)
	}
	x := waitDone(t, s, again)
	if x.Status != execution.StatusSucceeded || !strings.Contains(string(x.Result), "Ada") {
		t.Fatalf("re-run from greet: %s %s, want succeeded with Ada", x.Status, x.Result)
	}
	kids, err := s.Engine.Store().ListExecutions(t.Context(), execution.ExecutionQuery{Parent: again})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kids.Items {
		if k.Action.Ref == "core.ask" {
			t.Errorf("the re-run from greet asked again: %s", k.ID)
		}
	}

	out, errOut, code = cli(t, "execution", "re-run", id, "--tasks", "greet", "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var shown execution.Execution
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &shown); err != nil || shown.Status != execution.StatusSucceeded {
		t.Errorf("following a re-run from tasks: got %q (%v), want the succeeded record", out, err)
	}

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"execution", "re-run", id, "--tasks", "greet", "message=x"}, 2, "keeps the workflow's original parameters"},
		{[]string{"execution", "re-run", id, "--tasks", "greet,,ask"}, 2, "a task name is empty"},
		{[]string{"execution", "re-run", id, "--tasks", "nosuchtask"}, 1, "HTTP 400"},
	} {
		out, errOut, code := cli(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d saying %q", tt.args, code, out, errOut, tt.code, tt.want)
		}
	}
}
