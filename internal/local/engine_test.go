package local

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/internal/execution"
)

// newEngine starts an engine over the built-in packs and the test pack.
func newEngine(t *testing.T, dir string) *Engine {
	t.Helper()
	e, err := New(WithPacks(filepath.Join("..", "..", "packs"), filepath.Join("testdata", "packs")),
		WithDataDir(dir), WithConfigDir(filepath.Join("testdata", "configs")),
		WithErrorHandler(func(err error) { t.Logf("engine: %v", err) }))
	if err != nil {
		t.Fatalf("creating engine: %v", err)
	}
	if err := e.Start(t.Context()); err != nil {
		t.Fatalf("starting engine: %v", err)
	}
	return e
}

// webhook publishes a webhook event with a JSON body.
func webhook(t *testing.T, e *Engine, url string, body map[string]any) bus.Event {
	t.Helper()
	ev, err := bus.NewEvent("core.st2.webhook", map[string]any{"url": url},
		map[string]any{"headers": map[string]any{"Content-Type": "application/json"}, "body": body})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Publish(t.Context(), ev); err != nil {
		t.Fatalf("publishing: %v", err)
	}
	return ev
}

// waitFinal waits for the single execution of rule to be final.
func waitFinal(t *testing.T, e *Engine, q execution.ExecutionQuery) execution.Execution {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		page, err := e.Store().ListExecutions(context.WithoutCancel(t.Context()), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 0 && page.Items[0].Status.Final() {
			return page.Items[0]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no final execution for %+v", q)
	return execution.Execution{}
}

func result(t *testing.T, x execution.Execution) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(x.Result, &m); err != nil {
		t.Fatalf("decoding result %s: %v", x.Result, err)
	}
	return m
}

func statuses(x execution.Execution) string {
	var s []string
	for _, l := range x.Log {
		s = append(s, string(l.Status))
	}
	return strings.Join(s, ",")
}

func TestWebhookFiresRuleAndChains(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	webhook(t, e, "hello", map[string]any{"name": "Ada"})
	x := waitFinal(t, e, execution.ExecutionQuery{Rule: "t.echo_on_webhook"})
	if x.Status != execution.StatusSucceeded {
		t.Fatalf("got status %s (%s), want succeeded", x.Status, x.Result)
	}
	if got := result(t, x)["stdout"]; got != "hi Ada\n" && got != "hi Ada" {
		t.Errorf("got stdout %q, want %q", got, "hi Ada")
	}
	if got, want := statuses(x), "requested,scheduled,running,succeeded"; got != want {
		t.Errorf("got status log %s, want %s", got, want)
	}
	out, err := e.Store().ListOutput(t.Context(), x.ID, 0, 0)
	if err != nil || len(out) == 0 || !strings.Contains(out[0].Data, "hi Ada") {
		t.Errorf("got output %+v (%v), want the echoed line", out, err)
	}
	if x.Context.TriggerInstance == nil || x.TriggerInstance == nil {
		t.Fatalf("got no trigger instance link in %+v", x)
	}
	enf, err := e.Store().ListEnforcements(t.Context(), execution.EnforcementQuery{ExecutionID: x.ID})
	if err != nil || len(enf.Items) != 1 || enf.Items[0].TriggerInstanceID != x.TriggerInstance.ID {
		t.Errorf("got enforcements %+v (%v), want one linking the trigger instance", enf.Items, err)
	}
	chained := waitFinal(t, e, execution.ExecutionQuery{Rule: "t.chained"})
	if got := result(t, chained)["stdout"]; !strings.Contains(got.(string), "chained "+x.ID) {
		t.Errorf("got chained stdout %q, want it to name %s", got, x.ID)
	}
}

func TestWorkflowRecordsChildren(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	webhook(t, e, "wf", map[string]any{"name": "Grace"})
	x := waitFinal(t, e, execution.ExecutionQuery{Rule: "t.workflow"})
	if x.Status != execution.StatusSucceeded {
		t.Fatalf("got status %s (%s), want succeeded", x.Status, x.Result)
	}
	if len(x.Children) != 2 {
		t.Fatalf("got children %v, want 2", x.Children)
	}
	for _, id := range x.Children {
		c, err := e.Store().GetExecution(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Parent != x.ID || c.Status != execution.StatusSucceeded {
			t.Errorf("got child %s parent %q status %s, want parent %s succeeded", c.Action.Ref, c.Parent, c.Status, x.ID)
		}
	}
	if got := result(t, x); !strings.Contains(string(x.Result), "hello Grace") {
		t.Errorf("got workflow result %v, want the greeting", got)
	}
}

func TestBadInputFailsAndEngineKeepsGoing(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	cases := []struct {
		name   string
		url    string
		body   map[string]any
		rule   string
		status execution.Status
		error  string
	}{
		{name: "parameters fail the schema", url: "bad", body: map[string]any{"count": "many"}, rule: "t.bad_params",
			status: execution.StatusFailed, error: `parameter \"count\"`},
		{name: "unknown action", url: "unknown", body: map[string]any{}, rule: "t.unknown_action",
			status: execution.StatusFailed, error: "other.nope"},
		{name: "command not found", url: "nocmd", body: map[string]any{}, rule: "t.no_command",
			status: execution.StatusFailed, error: ""},
		{name: "runner timeout", url: "slow", body: map[string]any{}, rule: "t.slow",
			status: execution.StatusTimeout, error: ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			webhook(t, e, c.url, c.body)
			x := waitFinal(t, e, execution.ExecutionQuery{Rule: c.rule})
			if x.Status != c.status {
				t.Fatalf("got status %s (%s), want %s", x.Status, x.Result, c.status)
			}
			if c.error != "" && !strings.Contains(string(x.Result), c.error) {
				t.Errorf("got result %s, want it to mention %q", x.Result, c.error)
			}
		})
	}
	webhook(t, e, "hello", map[string]any{"name": "still here"})
	if x := waitFinal(t, e, execution.ExecutionQuery{Rule: "t.echo_on_webhook"}); x.Status != execution.StatusSucceeded {
		t.Errorf("got status %s after bad input, want succeeded", x.Status)
	}
}

func TestRunDirect(t *testing.T) {
	e := newEngine(t, t.TempDir())
	defer e.Close()
	cases := []struct {
		name   string
		ref    string
		params map[string]any
		status execution.Status
		want   string
		needs  string // a program the case needs on PATH
	}{
		{name: "echo", ref: "core.echo", params: map[string]any{"message": "direct"}, status: execution.StatusSucceeded, want: "direct"},
		{name: "pack config", ref: "t.greet", params: map[string]any{"who": "Ada"}, status: execution.StatusSucceeded, want: "Bonjour, Ada"},
		{name: "cast from string", ref: "t.typed", params: map[string]any{"count": "42"}, status: execution.StatusSucceeded, want: "42"},
		{name: "unknown action", ref: "nope.nope", status: execution.StatusFailed, want: "nope.nope"},
		{name: "missing required", ref: "core.echo", status: execution.StatusFailed, want: `parameter \"message\" is required`},
		{name: "python action raises", ref: "t.raises", status: execution.StatusFailed, want: "it went boom", needs: "python3"},
		{name: "immutable", ref: "core.echo", params: map[string]any{"message": "m", "cmd": "id"}, status: execution.StatusFailed, want: "immutable"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := exec.LookPath(c.needs); c.needs != "" && err != nil {
				t.Skipf("%s is not installed; skipping", c.needs)
			}
			x, err := e.Run(t.Context(), c.ref, c.params, AsUser("ada"))
			if err != nil {
				t.Fatalf("running: %v", err)
			}
			if x.Status != c.status || !strings.Contains(string(x.Result), c.want) {
				t.Errorf("got %s %s, want %s mentioning %q", x.Status, x.Result, c.status, c.want)
			}
			if x.Context.User != "ada" {
				t.Errorf("got user %q, want ada", x.Context.User)
			}
		})
	}
}
