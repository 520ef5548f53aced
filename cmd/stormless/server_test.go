package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/client"
	"github.com/stormless/stormless/internal/client/clienttest"
	"github.com/stormless/stormless/internal/execution"
)

// against returns a runCLI that talks to s.
func against(s *clienttest.Server) func(t *testing.T, args ...string) (string, string, int) {
	return func(t *testing.T, args ...string) (string, string, int) {
		t.Helper()
		return runCLI(t, append(args, "--url", s.URL)...)
	}
}

// wantExit fails the test unless code is want.
func wantExit(t *testing.T, code, want int, stdout, stderr string) {
	t.Helper()
	if code != want {
		t.Fatalf("got exit %d, want %d\nstdout: %s\nstderr: %s", code, want, stdout, stderr)
	}
}

// idPattern matches execution and record ids.
var idPattern = regexp.MustCompile(`[0-9a-f]{24}`)

func TestRunShowsLiveOutputAndResult(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	out, errOut, code := cli(t, "run", "clitest.lines", "count=3", "pause=0.05")
	wantExit(t, code, 0, out, errOut)
	if !strings.HasPrefix(out, "line 1\nline 2\nline 3\n\nid: ") {
		t.Errorf("got stdout %q, want the lines, then the record", out)
	}
	if strings.Count(out, "line 1") != 1 || !strings.Contains(out, "status: succeeded (") ||
		!strings.Contains(out, "return_code: 0") || !strings.Contains(out, `"count":3,`) {
		t.Errorf("got stdout %q, want the result once, without the output again", out)
	}
	if !regexp.MustCompile(`^execution [0-9a-f]+ \(clitest.lines\): \w+\n(.*\n)*execution [0-9a-f]+ \(clitest.lines\): succeeded\n$`).MatchString(errOut) {
		t.Errorf("got stderr %q, want the status changes ending with succeeded", errOut)
	}

	out, errOut, code = cli(t, "run", "clitest.fail")
	wantExit(t, code, 1, out, errOut)
	if !strings.Contains(out, "it broke") || !strings.Contains(out, "return_code: 3") ||
		!regexp.MustCompile(`execution [0-9a-f]+ failed$`).MatchString(errOut) {
		t.Errorf("got %q, %q, want the output, the result and the failure", out, errOut)
	}

	out, errOut, code = cli(t, "run", "clitest.lines", "count=1", "pause=0", "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var e execution.Execution
	if err := json.Unmarshal([]byte(out), &e); err != nil || e.Status != execution.StatusSucceeded {
		t.Errorf("got %q (%v), want the record alone on stdout", out, err)
	}
	if !strings.Contains(errOut, "line 1") {
		t.Errorf("got stderr %q, want the live output there", errOut)
	}
}

func TestRunParameters(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	out, errOut, code := cli(t, "run", "clitest.types", "items=a, b", `opts={"x":[1]}`, "n=2", "ratio=0.5",
		"flag=TRUE", "name=x=y", "token=hunter2", "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var e execution.Execution
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(e.Parameters)
	want := `{"flag":true,"items":["a","b"],"n":2,"name":"x=y","opts":{"x":[1]},"ratio":0.5,"token":"********"}`
	if string(got) != want {
		t.Errorf("got parameters %s, want %s", got, want)
	}
	if strings.Contains(out+errOut, "hunter2") {
		t.Error("the secret parameter was printed")
	}

	out, errOut, code = cli(t, "run", "clitest.types", "n=two")
	wantExit(t, code, 2, out, errOut)
	if !strings.HasSuffix(errOut, `parameter n: "two" is not an integer`) {
		t.Errorf("got %q", errOut)
	}
	out, errOut, code = cli(t, "run", "clitest.nope")
	wantExit(t, code, 1, out, errOut)
	if !strings.Contains(errOut, `action "clitest.nope" not found on the server at `+s.URL) {
		t.Errorf("got %q", errOut)
	}

	out, errOut, code = cli(t, "run", "clitest.types", "n=3", "--async")
	wantExit(t, code, 0, out, errOut)
	id := strings.TrimSpace(out)
	if !idPattern.MatchString(id) || !strings.Contains(errOut, "stormless execution tail "+id) {
		t.Fatalf("got %q, %q, want the id and how to follow it", out, errOut)
	}
	out, errOut, code = cli(t, "execution", "tail", id)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(errOut, "execution "+id+" (clitest.types): succeeded") {
		t.Errorf("got %q, want the final status", errOut)
	}
}

func TestExecutionCommands(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	out, errOut, code := cli(t, "run", "clitest.lines", "count=1", "pause=0", "--async")
	wantExit(t, code, 0, out, errOut)
	id := strings.TrimSpace(out)
	if out, errOut, code = cli(t, "execution", "tail", id); code != 0 || out != "line 1\n" {
		t.Fatalf("tail: got %d %q %q, want the output", code, out, errOut)
	}
	if _, _, code = cli(t, "run", "clitest.fail"); code != 1 {
		t.Fatalf("got exit %d running clitest.fail", code)
	}

	out, errOut, code = cli(t, "execution", "list")
	wantExit(t, code, 0, out, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[1], "clitest.fail") ||
		!strings.Contains(lines[1], "failed (") || !strings.Contains(lines[2], id) || !strings.Contains(lines[2], "stanley") {
		t.Errorf("got listing\n%s", out)
	}
	out, errOut, code = cli(t, "execution", "list", "--action", "clitest.lines", "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var list []execution.Execution
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0].ID != id || len(list[0].Result) == 0 {
		t.Errorf("got %q (%v), want the one run with its result", out, err)
	}
	out, errOut, code = cli(t, "execution", "list", "-n", "1")
	wantExit(t, code, 0, out, errOut)
	if strings.Count(out, "\n") != 2 || !strings.Contains(errOut, "note: only 1 shown; --limit and --offset 1 show more") {
		t.Errorf("got %q, %q, want one row and a note", out, errOut)
	}
	out, errOut, code = cli(t, "execution", "list", "-n", "1", "--offset", "1", "--status", "succeeded", "-o", "yaml")
	wantExit(t, code, 0, out, errOut)
	if !strings.HasPrefix(out, "[]\n") {
		t.Errorf("got %q, want no second succeeded execution", out)
	}
	_, errOut, code = cli(t, "execution", "list", "--status", "sleepy")
	if code != 2 || !strings.Contains(errOut, `unknown --status "sleepy"`) {
		t.Errorf("got %d %q", code, errOut)
	}

	out, errOut, code = cli(t, "execution", "get", id)
	wantExit(t, code, 0, out, errOut)
	for _, want := range []string{"id: " + id, "action: clitest.lines", "status: succeeded (", "result:\n  failed: false\n", "  stdout: line 1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("got\n%s\nwant %q", out, want)
		}
	}
	_, errOut, code = cli(t, "execution", "get", "000000000000000000000000")
	if code != 1 || !strings.Contains(errOut, "the server answered HTTP 404 Not Found: getting execution 000000000000000000000000") ||
		!strings.HasSuffix(errOut, "(`stormless execution list` lists them)") {
		t.Errorf("got %d %q", code, errOut)
	}
	_, errOut, code = cli(t, "execution", "cancel", id)
	if code != 1 || !strings.Contains(errOut, "HTTP 409 Conflict") {
		t.Errorf("got %d %q, want a conflict", code, errOut)
	}

	out, errOut, code = cli(t, "execution", "re-run", id, "count=2", "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var again execution.Execution
	if err := json.Unmarshal([]byte(out), &again); err != nil || again.ID == id || again.Parameters["count"] != float64(2) {
		t.Errorf("got %q (%v), want a new run with count 2", out, err)
	}

	out, errOut, code = cli(t, "run", "clitest.lines", "count=100", "pause=0.1", "--async")
	wantExit(t, code, 0, out, errOut)
	long := strings.TrimSpace(out)
	out, errOut, code = cli(t, "execution", "cancel", long)
	wantExit(t, code, 0, out, errOut)
	if !strings.HasPrefix(out, "execution "+long+": cancel") {
		t.Errorf("got %q", out)
	}
	_, errOut, code = cli(t, "execution", "tail", long)
	if code != 1 || !strings.HasSuffix(errOut, "execution "+long+" canceled") {
		t.Errorf("got %d %q, want canceled", code, errOut)
	}
}

func TestWorkflowTasksAndInquiry(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	out, errOut, code := cli(t, "run", "clitest.approve", "--async")
	wantExit(t, code, 0, out, errOut)
	id := strings.TrimSpace(out)
	// run follows the workflow until it waits for the answer; the test
	// stops following then.
	ctx, cancel := context.WithCancel(t.Context())
	var waiting syncBuffer
	followed := make(chan error, 1)
	go func() {
		c, err := client.New(s.URL)
		if err == nil {
			_, err = follow(ctx, c, id, io.Discard, &waiting)
		}
		followed <- err
	}()
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(waiting.String(), "waiting for an answer: stormless inquiry get "); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("got progress %q, want the inquiry's hint", waiting.String())
		}
	}
	cancel()
	if err := <-followed; !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want the follow canceled", err)
	}
	var inquiries []execution.Inquiry
	for deadline := time.Now().Add(20 * time.Second); len(inquiries) == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no inquiry asked")
		}
		out, errOut, code = cli(t, "inquiry", "list", "-o", "json")
		wantExit(t, code, 0, out, errOut)
		if err := json.Unmarshal([]byte(out), &inquiries); err != nil {
			t.Fatal(err)
		}
	}
	q := inquiries[0].ID
	if !strings.Contains(waiting.String(), "stormless inquiry get "+q+";") {
		t.Errorf("got progress %q, want the hint to name inquiry %s", waiting.String(), q)
	}
	out, errOut, code = cli(t, "inquiry", "get", q)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "status: pending") || !strings.Contains(out, "schema:\n") {
		t.Errorf("got %q", out)
	}
	_, errOut, code = cli(t, "inquiry", "respond", q, "ok=maybe")
	if code != 2 || !strings.Contains(errOut, `parameter ok: "maybe" is not a boolean`) {
		t.Errorf("got %d %q, want the boolean refused", code, errOut)
	}
	_, errOut, code = cli(t, "inquiry", "respond", q, "ok=true")
	if code != 1 || !strings.Contains(errOut, "the server answered HTTP 400 Bad Request:") || !strings.Contains(errOut, "name") {
		t.Errorf("got %d %q, want the schema's refusal", code, errOut)
	}
	_, errOut, code = cli(t, "inquiry", "respond", q, "-r", "[1]")
	if code != 2 || !strings.Contains(errOut, "--response: want a JSON object") {
		t.Errorf("got %d %q", code, errOut)
	}
	out, errOut, code = cli(t, "inquiry", "respond", q, "name=Ada", "ok=true")
	wantExit(t, code, 0, out, errOut)
	out, errOut, code = cli(t, "execution", "tail", id)
	wantExit(t, code, 0, out, errOut)
	for _, want := range []string{"(clitest.approve): succeeded", "  task core.ask (", "  task core.echo ("} {
		if !strings.Contains(errOut, want) {
			t.Errorf("got %q, want %q", errOut, want)
		}
	}
	out, errOut, code = cli(t, "execution", "get", id)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "TASK EXECUTION") || !strings.Contains(out, "core.echo") || !strings.Contains(out, "name: Ada") {
		t.Errorf("got\n%s\nwant the tasks and the output", out)
	}
	_, errOut, code = cli(t, "inquiry", "respond", q, "-r", `{"name": "Bob"}`)
	if code != 1 || !strings.Contains(errOut, "HTTP 409 Conflict") {
		t.Errorf("got %d %q, want a conflict", code, errOut)
	}
}

func TestWithoutEngineFeaturesShowsTheServerMessage(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{Wrap: func(e api.Engine) api.Engine { return clienttest.Basic{Engine: e} }})
	cli := against(s)
	out, errOut, code := cli(t, "run", "clitest.types", "--async")
	wantExit(t, code, 0, out, errOut)
	id := strings.TrimSpace(out)
	var all string
	for _, verb := range []string{"pause", "resume"} {
		_, errOut, code = cli(t, "execution", verb, id)
		if code != 1 {
			t.Errorf("%s: got exit %d, want 1", verb, code)
		}
		all += strings.ReplaceAll(errOut, id, "ID") + "\n"
	}
	checkGolden(t, "execution_pause_501.golden", all)
}

func TestUnreachableServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, errOut, code := runCLI(t, "execution", "list", "--url", "http://"+addr)
	if code != 1 {
		t.Errorf("got exit %d, want 1", code)
	}
	checkGolden(t, "unreachable.golden", strings.ReplaceAll(errOut, addr, "ADDR")+"\n")
	_, errOut, code = runCLI(t, "execution", "list", "--url", "localhost:9101")
	if code != 2 || !strings.Contains(errOut, "--url: server URL") {
		t.Errorf("got %d %q, want the URL refused", code, errOut)
	}
}

func TestKeyCommands(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	out, errOut, code := cli(t, "key", "set", "pw", "hunter2", "--encrypt")
	wantExit(t, code, 0, out, errOut)
	if strings.Contains(out, "hunter2") || !strings.Contains(out, "(encrypted; --decrypt shows it)") {
		t.Errorf("got %q, want the secret hidden", out)
	}
	out, errOut, code = cli(t, "key", "set", "greeting", "hello", "--ttl", "60")
	wantExit(t, code, 0, out, errOut)
	out, errOut, code = cli(t, "key", "set", "mine", "u", "--scope", "st2kv.user")
	wantExit(t, code, 0, out, errOut)
	out, errOut, code = cli(t, "key", "list")
	wantExit(t, code, 0, out, errOut)
	if strings.Contains(out, "hunter2") || !strings.Contains(out, "greeting") || !strings.Contains(out, "mine") {
		t.Errorf("got\n%s", out)
	}
	out, errOut, code = cli(t, "key", "list", "--scope", "system", "--decrypt", "-o", "json")
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, `"value": "hunter2"`) || strings.Contains(out, "mine") {
		t.Errorf("got %s, want the system pairs decrypted", out)
	}
	out, errOut, code = cli(t, "key", "get", "pw", "--decrypt")
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "hunter2") {
		t.Errorf("got %q", out)
	}
	out, errOut, code = cli(t, "key", "delete", "greeting")
	wantExit(t, code, 0, out, errOut)
	if out != "Deleted key greeting\n" {
		t.Errorf("got %q", out)
	}
	_, errOut, code = cli(t, "key", "get", "greeting")
	if code != 1 || !strings.Contains(errOut, "HTTP 404 Not Found") {
		t.Errorf("got %d %q", code, errOut)
	}
	_, errOut, code = cli(t, "key", "set", "x", "y", "--scope", "galaxy")
	if code != 1 || !strings.Contains(errOut, `HTTP 400 Bad Request: bad request: unknown scope "galaxy"`) {
		t.Errorf("got %d %q", code, errOut)
	}
}

func TestWebhookAndRecords(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	out, errOut, code := cli(t, "webhook", "post", "clitest", `{"name": "Ada"}`)
	wantExit(t, code, 0, out, errOut)
	m := regexp.MustCompile(`^trigger instance (\S+) \(core.st2.webhook\)\n$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("got %q", out)
	}
	ti := m[1]
	_, errOut, code = cli(t, "webhook", "post", "nobody", `{}`)
	if code != 1 || !strings.Contains(errOut, "HTTP 404 Not Found: no rule listens to webhook nobody") {
		t.Errorf("got %d %q", code, errOut)
	}
	_, errOut, code = cli(t, "webhook", "post", "clitest", `{`)
	if code != 2 || !strings.Contains(errOut, "not valid JSON") {
		t.Errorf("got %d %q", code, errOut)
	}
	body := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(body, []byte(`{"name": "Bob"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = cli(t, "webhook", "post", "clitest", "@"+body, "-o", "json")
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, `"trigger_instance_id"`) {
		t.Errorf("got %q", out)
	}

	var enf []execution.Enforcement
	for deadline := time.Now().Add(20 * time.Second); len(enf) < 2; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("enforcements never recorded")
		}
		out, errOut, code = cli(t, "rule-enforcement", "list", "--rule", "clitest.types_on_webhook", "-o", "json")
		wantExit(t, code, 0, out, errOut)
		if err := json.Unmarshal([]byte(out), &enf); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code = cli(t, "rule-enforcement", "list", "--trigger-instance", ti)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "clitest.types_on_webhook") || strings.Count(out, "\n") != 2 {
		t.Errorf("got\n%s", out)
	}
	out, errOut, code = cli(t, "trigger-instance", "list", "--trigger", "core.st2.webhook")
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, ti) || strings.Count(out, "\n") != 3 {
		t.Errorf("got\n%s", out)
	}
	out, errOut, code = cli(t, "trigger-instance", "get", ti)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "payload:\n") || !strings.Contains(out, "name: Ada") {
		t.Errorf("got\n%s", out)
	}
	out, errOut, code = cli(t, "trace", "list", "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var traces []execution.Trace
	if err := json.Unmarshal([]byte(out), &traces); err != nil || len(traces) == 0 {
		t.Fatalf("got %q (%v)", out, err)
	}
	out, errOut, code = cli(t, "trace", "get", traces[0].ID)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "trigger instance") || !strings.Contains(out, "KIND") {
		t.Errorf("got\n%s", out)
	}
	out, errOut, code = cli(t, "trigger-instance", "re-emit", ti)
	wantExit(t, code, 0, out, errOut)
	if m := regexp.MustCompile(`^trigger instance ([0-9a-f]{24}) \(re-emit of (\S+)\)\n$`).FindStringSubmatch(out); m == nil || m[1] == ti || m[2] != ti {
		t.Errorf("got %q, want the new trigger instance and the one it copies", out)
	}
	out, errOut, code = cli(t, "trigger-instance", "re-emit", ti, "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var re client.ReEmitted
	if err := json.Unmarshal([]byte(out), &re); err != nil || re.TriggerInstanceID == "" || re.TriggerInstanceID == ti {
		t.Errorf("got %q (%v), want the server's answer", out, err)
	}
	_, errOut, code = cli(t, "trigger-instance", "re-emit", "000000000000000000000000")
	if code != 1 || !strings.Contains(errOut, "HTTP 404 Not Found") {
		t.Errorf("got %d %q, want the 404", code, errOut)
	}
}

func TestListingsChooseTheirSource(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	t.Setenv(urlEnv, "")
	out, errOut, code := runCLI(t, "action", "list", "--pack", "clitest", "--url", s.URL, "-o", "json")
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, `"ref": "clitest.lines"`) || !strings.Contains(out, `"uid": "action:clitest:lines"`) || errOut != "" {
		t.Errorf("got %q, %q, want the server's actions and no note", out, errOut)
	}
	out, errOut, code = runCLI(t, "action", "get", "clitest.types", "--url", s.URL)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "runner: noop") || !strings.Contains(out, "items") {
		t.Errorf("got\n%s", out)
	}
	_, errOut, code = runCLI(t, "action", "get", "clitest.nope", "--url", s.URL)
	if code != 1 || !strings.Contains(errOut, `action "clitest.nope" not found`) {
		t.Errorf("got %d %q", code, errOut)
	}
	out, errOut, code = runCLI(t, "rule", "get", "clitest.types_on_webhook", "--url", s.URL)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "trigger.body.name  exists") {
		t.Errorf("got\n%s", out)
	}
	out, errOut, code = runCLI(t, "trigger", "get", "core.st2.webhook", "--url", s.URL)
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "built in: true") {
		t.Errorf("got\n%s", out)
	}
	out, errOut, code = runCLI(t, "pack", "list", "--url", s.URL)
	wantExit(t, code, 0, out, errOut)
	if !regexp.MustCompile(`clitest\s+0.1.0\s+4\s+1\s+0\s+Test pack`).MatchString(out) {
		t.Errorf("got\n%s\nwant clitest with 4 actions, 1 rule, 0 trigger types", out)
	}
	_, errOut, code = runCLI(t, "rule", "list", "--url", s.URL, "--packs", "x")
	if code != 2 || !strings.Contains(errOut, "not both") {
		t.Errorf("got %d %q", code, errOut)
	}

	// Neither --url nor --packs: the default server when it answers...
	defer func(u string) { defaultServerURL = u }(defaultServerURL)
	defaultServerURL = s.URL
	out, errOut, code = runCLI(t, "action", "list", "--pack", "clitest")
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "clitest.lines") || errOut != "note: reading from the server at "+s.URL+" (--packs DIR reads packs from disk)\n" {
		t.Errorf("got %q, %q", out, errOut)
	}
	// ... else ./packs, saying so.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defaultServerURL = "http://" + ln.Addr().String()
	ln.Close()
	t.Chdir(filepath.Join("..", ".."))
	out, errOut, code = runCLI(t, "action", "list")
	wantExit(t, code, 0, out, errOut)
	if !strings.Contains(out, "examples.greet") || strings.Contains(out, "clitest") ||
		errOut != "note: no server answers at "+defaultServerURL+"; reading the packs in ./packs (--url or --packs chooses)\n" {
		t.Errorf("got %q, %q", out, errOut)
	}
}

func TestAPIKeyFlagAndEnv(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{Options: []api.Option{api.WithAuth(keyring("s3cret"))}})
	cli := against(s)
	t.Setenv(apiKeyEnv, "")
	_, errOut, code := cli(t, "execution", "list")
	if code != 1 || !strings.Contains(errOut, "HTTP 401 Unauthorized") || !strings.Contains(errOut, "--api-key or STORMLESS_API_KEY") ||
		!strings.Contains(errOut, "stormless apikey create --data-dir DIR") {
		t.Errorf("got %d %q, want 401 with a hint", code, errOut)
	}
	out, errOut, code := cli(t, "execution", "list", "--api-key", "s3cret")
	wantExit(t, code, 0, out, errOut)
	t.Setenv(apiKeyEnv, "s3cret")
	out, errOut, code = cli(t, "key", "list")
	wantExit(t, code, 0, out, errOut)
	_, errOut, code = cli(t, "key", "list", "--api-key", "wrong")
	if code != 1 || strings.Contains(errOut, "wrong") || strings.Contains(errOut, "s3cret") {
		t.Errorf("got %d %q, want a refusal that does not print keys", code, errOut)
	}
}

// keyring is an api.Authenticator knowing one key.
type keyring string

func (k keyring) Authenticate(_ context.Context, key string) (string, error) {
	if key != string(k) {
		return "", api.ErrUnauthorized
	}
	return "ann", nil
}

func TestCompletion(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	for _, shell := range []string{"bash", "zsh", "fish"} {
		out, errOut, code := runCLI(t, "completion", shell)
		wantExit(t, code, 0, out, errOut)
		if !strings.Contains(out, "stormless") || len(out) < 500 {
			t.Errorf("%s: got %d bytes, want a completion script", shell, len(out))
		}
	}
	out, errOut, code := runCLI(t, "__complete", "run", "--url", s.URL, "clitest.l")
	wantExit(t, code, 0, out, errOut)
	if !strings.HasPrefix(out, "clitest.lines\n:4\n") {
		t.Errorf("got %q, want the server's refs", out)
	}
	out, errOut, code = runCLI(t, "__complete", "run", "clitest.lines", "--as")
	wantExit(t, code, 0, out, errOut)
	if !strings.HasPrefix(out, "--async\t") {
		t.Errorf("got %q, want run's flags offered after the action", out)
	}
	run, _, code := runCLI(t, "run", "clitest.types", "--async", "--url", s.URL)
	wantExit(t, code, 0, run, "")
	out, errOut, code = runCLI(t, "__complete", "execution", "tail", "--url", s.URL, "")
	wantExit(t, code, 0, out, errOut)
	if !strings.HasPrefix(out, strings.TrimSpace(run)+"\tclitest.types ") {
		t.Errorf("got %q, want the execution offered", out)
	}
	out, errOut, code = runCLI(t, "__complete", "action", "get", "--packs", filepath.Join("..", "..", "packs"), "examples.gr")
	wantExit(t, code, 0, out, errOut)
	if !strings.HasPrefix(out, "examples.greet\n:4\n") {
		t.Errorf("got %q, want the refs on disk", out)
	}
}

func TestAPIKeysOnTheServer(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{APIKeys: true})
	cli := against(s)
	t.Setenv(apiKeyEnv, "")
	out, errOut, code := cli(t, "apikey", "create", "--user", "ann")
	wantExit(t, code, 0, out, errOut)
	secret := strings.TrimSpace(out)
	m := regexp.MustCompile(`^Created API key (\S+) for ann on `).FindStringSubmatch(errOut)
	if len(secret) < 40 || m == nil {
		t.Fatalf("got %q, %q, want the key once", out, errOut)
	}
	firstID := m[1]
	_, errOut, code = cli(t, "apikey", "list")
	if code != 1 || !strings.Contains(errOut, "HTTP 401") || !strings.Contains(errOut, "stormless apikey create --data-dir DIR") {
		t.Errorf("got %d %q, want 401 with the way out", code, errOut)
	}
	out, errOut, code = cli(t, "apikey", "create", "--api-key", secret)
	wantExit(t, code, 0, out, errOut)
	second := strings.TrimSpace(out)
	out, errOut, code = cli(t, "apikey", "list", "--api-key", secret, "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var keys []struct{ ID, User string }
	if err := json.Unmarshal([]byte(out), &keys); err != nil || len(keys) != 2 || keys[0].User != "ann" {
		t.Fatalf("got %q (%v), want ann's two keys", out, err)
	}
	if strings.Contains(out, secret) || strings.Contains(out, second) {
		t.Error("a listing printed a key")
	}
	other := keys[0].ID
	if other == firstID {
		other = keys[1].ID
	}
	out, errOut, code = cli(t, "apikey", "delete", other, "--api-key", secret)
	wantExit(t, code, 0, out, errOut)
	_, errOut, code = cli(t, "apikey", "delete", other, "--api-key", secret)
	if code != 1 || errOut != "no API key "+other+" on "+s.URL {
		t.Errorf("got %d %q", code, errOut)
	}
	_, errOut, code = cli(t, "apikey", "list", "--data-dir", t.TempDir())
	if code != 2 || !strings.Contains(errOut, "not both") {
		t.Errorf("got %d %q", code, errOut)
	}

	// Neither --url nor --data-dir: the default server when it answers.
	t.Setenv(urlEnv, "")
	defer func(u string) { defaultServerURL = u }(defaultServerURL)
	defaultServerURL = s.URL
	out, errOut, code = runCLI(t, "apikey", "list", "--api-key", secret)
	wantExit(t, code, 0, out, errOut)
	if !strings.HasPrefix(errOut, "note: managing the keys of the server at "+s.URL) || !strings.Contains(out, "ann") {
		t.Errorf("got %q, %q", out, errOut)
	}
}
