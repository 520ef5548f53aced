package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// accepted is the answer to a webhook.
type accepted struct {
	Trigger           string `json:"trigger"`
	TriggerInstanceID string `json:"trigger_instance_id"`
}

// postWebhook posts body to webhook url, wants 202 and returns the
// trigger instance id.
func (s *server) postWebhook(t testing.TB, url string, body any) string {
	t.Helper()
	r := s.request(t, http.MethodPost, "/api/v1/webhooks/"+url, body)
	var a accepted
	if r.code != http.StatusAccepted || json.Unmarshal(r.body, &a) != nil || a.TriggerInstanceID == "" {
		t.Fatalf("POST webhook %s: got %d %s, want 202 with a trigger instance id", url, r.code, r.body)
	}
	return a.TriggerInstanceID
}

func TestWebhookRuleActionExecution(t *testing.T) {
	s := startUp(t, shippedPacks, testPacks)
	ti := s.postWebhook(t, "e2e/hello", map[string]any{"name": "Ada"})

	var x execution
	waitFor(t, 30*time.Second, "the rule's execution to end", func() bool {
		var list []execution
		s.getJSON(t, "/api/v1/executions?rule=e2e.greet_on_webhook", &list)
		if len(list) == 0 {
			return false
		}
		x = list[0]
		return final(x.Status)
	})
	if x.Status != "succeeded" || !strings.Contains(string(x.Result), `Hello, Ada!`) {
		t.Errorf("got %s %s, want succeeded saying Hello, Ada!", x.Status, x.Result)
	}
	if x.TriggerInstance == nil || x.TriggerInstance.ID != ti || x.Action.Ref != "core.local" {
		t.Errorf("got execution %+v, want core.local of trigger instance %s", x, ti)
	}
	// The links hold both ways: trigger instance processed, one enforcement
	// naming the execution.
	var inst struct {
		Status            string         `json:"status"`
		TriggerParameters map[string]any `json:"trigger_parameters"`
	}
	waitFor(t, 30*time.Second, "the trigger instance to be processed", func() bool {
		s.getJSON(t, "/api/v1/triggerinstances/"+ti, &inst)
		return inst.Status != "pending"
	})
	if inst.Status != "processed" || inst.TriggerParameters["url"] != "e2e/hello" {
		t.Errorf("got trigger instance %+v, want processed with url e2e/hello", inst)
	}
	var enf []struct {
		ExecutionID string `json:"execution_id"`
	}
	s.getJSON(t, "/api/v1/ruleenforcements?trigger_instance="+ti, &enf)
	if len(enf) != 1 || enf[0].ExecutionID != x.ID {
		t.Errorf("got enforcements %+v, want one naming %s", enf, x.ID)
	}

	out, errOut, code := s.cli(t, "execution", "list")
	if code != 0 || !strings.Contains(out, x.ID) || !strings.Contains(out, "core.local") || !strings.Contains(out, "succeeded") {
		t.Errorf("stormless execution list: got exit %d\n%s%s\nwant %s listed, succeeded", code, out, errOut, x.ID)
	}

	// Re-emitting the trigger instance fires the rule again.
	if out, errOut, code := s.cli(t, "trigger-instance", "re-emit", ti); code != 0 {
		t.Fatalf("stormless trigger-instance re-emit: got exit %d %s%s, want 0", code, out, errOut)
	}
	waitFor(t, 30*time.Second, "the re-emitted instance's execution", func() bool {
		var list []execution
		s.getJSON(t, "/api/v1/executions?rule=e2e.greet_on_webhook&status=succeeded", &list)
		return len(list) == 2 && list[0].TriggerInstance != nil && list[0].TriggerInstance.ID != ti
	})
}

func TestTimerRuleRunsWorkflow(t *testing.T) {
	s := startUp(t, shippedPacks, testPacks, timerPacks)
	var x execution
	waitFor(t, 30*time.Second, "the timer rule's workflow to succeed", func() bool {
		var list []execution
		s.getJSON(t, "/api/v1/executions?rule=e2etimer.tick&status=succeeded", &list)
		if len(list) == 0 {
			return false
		}
		x = list[0]
		return true
	})
	if x.Action.Ref != "e2e.two_steps" || len(x.Children) != 2 {
		t.Fatalf("got %+v, want e2e.two_steps with two task executions", x)
	}
	var out struct {
		Output struct {
			Said string `json:"said"`
		} `json:"output"`
	}
	if err := json.Unmarshal(x.Result, &out); err != nil || !strings.HasPrefix(out.Output.Said, "hello timer ") {
		t.Errorf("got result %s, want the greeting of the timer's payload", x.Result)
	}
	for _, id := range x.Children {
		var c execution
		s.getJSON(t, "/api/v1/executions/"+id, &c)
		if c.Parent != x.ID || c.Status != "succeeded" {
			t.Errorf("got task %+v, want a succeeded child of %s", c, x.ID)
		}
	}
}

func TestRunWorkflowAnsweringInquiry(t *testing.T) {
	s := startUp(t, shippedPacks, testPacks)
	run := s.cliStart(t, "run", "e2e.approve", "--output", "json")
	var wf execution
	waitFor(t, 30*time.Second, "the workflow's execution", func() bool {
		var list []execution
		s.getJSON(t, "/api/v1/executions?action=e2e.approve", &list)
		if len(list) == 0 {
			return false
		}
		wf = list[0]
		return true
	})
	var inquiry struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	waitFor(t, 30*time.Second, "the workflow's inquiry", func() bool {
		var list []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		}
		s.getJSON(t, "/api/v1/inquiries", &list)
		if len(list) == 0 {
			return false
		}
		inquiry = list[0]
		return true
	})
	var x execution
	s.getJSON(t, "/api/v1/executions/"+wf.ID, &x)
	if x.Status != "paused" && x.Status != "pausing" && x.Status != "running" && x.Status != "pending" {
		t.Errorf("got workflow %s while the inquiry waits, want it waiting", x.Status)
	}
	if r := s.request(t, http.MethodPut, "/api/v1/inquiries/"+inquiry.ID, map[string]any{"response": map[string]any{"name": 7}}); r.code != http.StatusBadRequest {
		t.Errorf("an answer failing the schema: got %d %s, want 400", r.code, r.body)
	}
	if r := s.request(t, http.MethodPut, "/api/v1/inquiries/"+inquiry.ID, map[string]any{"response": map[string]any{"name": "Grace"}}); r.code != http.StatusOK {
		t.Fatalf("answering: got %d %s, want 200", r.code, r.body)
	}
	x = s.waitExecution(t, wf.ID)
	if x.Status != "succeeded" || !strings.Contains(string(x.Result), "Grace") {
		t.Errorf("got %s %s, want succeeded with the answer", x.Status, x.Result)
	}
	out, errOut, code := run.wait(t)
	if code != 0 || !strings.Contains(out, wf.ID) || !strings.Contains(out, "Grace") {
		t.Errorf("stormless run e2e.approve: got exit %d\n%s%s\nwant 0 and the final record with the answer", code, out, errOut)
	}
	if r := s.request(t, http.MethodPut, "/api/v1/inquiries/"+inquiry.ID, map[string]any{"response": map[string]any{"name": "Eve"}}); r.code != http.StatusConflict {
		t.Errorf("answering twice: got %d %s, want 409", r.code, r.body)
	}
}

func TestStreamReportsTheChangeFeed(t *testing.T) {
	s := startUp(t, shippedPacks, testPacks)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/stream/v1/stream?events=st2.execution__*,st2.trigger_instances_dispatch__trigger_instance", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() && sc.Text() != "" { // subscribed once the retry line came
	}
	ti := s.postWebhook(t, "e2e/hello", map[string]any{"name": "Lin"})
	seen := map[string]bool{}
	timer := time.AfterFunc(30*time.Second, cancel)
	defer timer.Stop()
	var event string
	for sc.Scan() && !(seen["instance"] && seen["succeeded"]) {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data := strings.TrimPrefix(line, "data: ")
			switch {
			case event == "st2.trigger_instances_dispatch__trigger_instance" && strings.Contains(data, ti):
				seen["instance"] = true
			case event == "st2.execution__update" && strings.Contains(data, `"status":"succeeded"`) && strings.Contains(data, ti):
				seen["succeeded"] = true
			case !strings.HasPrefix(event, "st2.execution__") && event != "st2.trigger_instances_dispatch__trigger_instance":
				t.Errorf("got event %s, want only those asked for", event)
			}
		}
	}
	if !seen["instance"] || !seen["succeeded"] {
		t.Errorf("saw %v on the stream, want the trigger instance and the succeeded execution", seen)
	}
}

func TestPacksReloadThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, testPacks, dir)
	s := startUp(t, shippedPacks, dir)
	if r := s.request(t, http.MethodPost, "/api/v1/webhooks/e2e/later", map[string]any{}); r.code != http.StatusNotFound {
		t.Fatalf("before the rule exists: got %d %s, want 404", r.code, r.body)
	}
	writeFile(t, dir, "e2e/rules/later.yaml", "---\nname: later\npack: e2e\nenabled: true\ntrigger:\n  type: core.st2.webhook\n  parameters: {url: e2e/later}\naction:\n  ref: core.noop\n")
	out, errOut, code := s.cli(t, "packs", "reload")
	if code != 0 || !strings.Contains(out, "e2e") {
		t.Fatalf("stormless packs reload: got exit %d %s%s, want 0", code, out, errOut)
	}
	s.postWebhook(t, "e2e/later", map[string]any{})
}

func TestSIGTERMShutsDownCleanly(t *testing.T) {
	s := startUp(t, shippedPacks, testPacks)
	s.postWebhook(t, "e2e/hello", map[string]any{"name": "Ada"})
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("still running 30 s after SIGTERM\nstderr:\n%s", s.stderr)
	}
	if s.err != nil {
		t.Errorf("got %v, want exit status 0\nstderr:\n%s", s.err, s.stderr)
	}
	if !strings.Contains(s.stderr.String(), "shutting down") {
		t.Errorf("got stderr %q, want it to say it is shutting down", s.stderr)
	}
	// The data survives: the next start serves the executions recorded.
	again := startUpIn(t, s.dataDir, shippedPacks, testPacks)
	var list []execution
	again.getJSON(t, "/api/v1/executions?rule=e2e.greet_on_webhook", &list)
	if len(list) != 1 || !final(list[0].Status) {
		t.Errorf("after a restart got %+v, want the one execution, final", list)
	}
}

func TestAPIKeyCreatedWhileUpTakesEffect(t *testing.T) {
	s := startUp(t, shippedPacks, testPacks)
	if r := s.request(t, http.MethodGet, "/api/v1/executions", nil); r.code != http.StatusOK {
		t.Fatalf("on loopback without keys: got %d %s, want 200", r.code, r.body)
	}
	out, errOut, code := s.cli(t, "apikey", "create", "--user", "ann", "--data-dir", s.dataDir)
	if code != 0 {
		t.Fatalf("stormless apikey create: got exit %d %s", code, errOut)
	}
	key := strings.TrimSpace(out)
	r := s.request(t, http.MethodGet, "/api/v1/executions", nil)
	if r.code != http.StatusUnauthorized || !strings.Contains(string(r.body), "faultstring") {
		t.Errorf("without a key once one exists: got %d %s, want 401 JSON", r.code, r.body)
	}
	if r := s.request(t, http.MethodGet, "/api/v1/executions", nil, "St2-Api-Key", key); r.code != http.StatusOK {
		t.Errorf("with the key: got %d %s, want 200", r.code, r.body)
	}
	if strings.Contains(s.stdout.String()+s.stderr.String(), key) {
		t.Error("the server printed the key")
	}
}
