package workflow

import (
	"context"
	"encoding/json"
	"fmt"

	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/conformance"
)

// stubRunner stands in for the action runner Lambda: core.echo echoes,
// core.local "runs" its command (failing when it contains "exit 1"),
// core.noop does nothing, and key-value lookups read kv.
type stubRunner struct {
	mu    sync.Mutex
	tasks []string
	kv    map[string]any
	// in answers core.ask's task token: approving, or rejecting when
	// reject is set.
	in     *interp.Interpreter
	reject bool
}

func (s *stubRunner) invoke(_ context.Context, payload any) (any, error) {
	p, _ := payload.(map[string]any)
	params, _ := p["parameters"].(map[string]any)
	if ctx, ok := p["context"].(map[string]any); ok {
		s.mu.Lock()
		s.tasks = append(s.tasks, fmt.Sprint(ctx["task_name"]))
		s.mu.Unlock()
	}
	switch p["action"] {
	case "core.ask":
		token, _ := p["task_token"].(string)
		go s.answer(token)
		return nil, nil
	case "core.echo":
		return ok(map[string]any{"stdout": params["message"]}), nil
	case "core.noop":
		return ok(nil), nil
	case "core.local":
		cmd := fmt.Sprint(params["cmd"])
		if strings.Contains(cmd, "exit 1") {
			return map[string]any{"status": "failed", "result": map[string]any{"stdout": "", "stderr": "boom", "return_code": 1.0}}, nil
		}
		return ok(map[string]any{"stdout": cmd, "return_code": 0.0}), nil
	case ActionKVLookup:
		out := map[string]any{}
		lookups, _ := params["lookups"].([]any)
		for _, l := range lookups {
			key := fmt.Sprint(l.(map[string]any)["key"])
			out[key] = s.kv[key]
		}
		return ok(out), nil
	}
	return nil, &interp.LambdaError{Type: "UnknownAction", Message: fmt.Sprint(p["action"])}
}

// answer responds to an inquiry as a user would.
func (s *stubRunner) answer(token string) {
	for i := 0; i < 100; i++ {
		var err error
		if s.reject {
			err = s.in.SendTaskFailure(token, "Rejected", "no")
		} else {
			err = s.in.SendTaskSuccess(token, map[string]any{"approved": true})
		}
		if err == nil {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func ok(result any) map[string]any { return map[string]any{"status": "succeeded", "result": result} }

// runCase is one workflow run and its expected outcome.
type runCase struct {
	name   string
	file   string
	input  string
	status interp.Status
	reject bool   // reject inquiries
	output string // expected output JSON when succeeded; "" skips the check
	tasks  string // expected task names in start order, comma-separated
	cause  string // substring of the failure cause
}

func TestRunExamples(t *testing.T) {
	ex := func(name string) string {
		return conformance.MustPath(t, "st2", "contrib", "examples", "actions", "workflows", name+".yaml")
	}
	cases := []runCase{
		{name: "basic", file: ex("orquesta-basic"), input: `{"cmd": "date", "timeout": 5}`, status: interp.StatusSucceeded,
			output: `{"output": {"stdout": "date"}}`, tasks: "task1"},
		{name: "basic failing", file: ex("orquesta-basic"), input: `{"cmd": "exit 1"}`, status: interp.StatusFailed,
			tasks: "task1", cause: `"task_id":"task1"`},
		{name: "delay", file: ex("orquesta-delay"), input: `{"name": "Stanley", "delay": 1}`, status: interp.StatusSucceeded,
			output: `{"output": {"greeting": "Stanley, All your base are belong to us!"}}`, tasks: "task1,task2,task3"},
		{name: "continue on failure fails", file: ex("orquesta-error-handling-continue"), input: `{"cmd": "exit 1"}`,
			status: interp.StatusFailed, tasks: "task1"},
		{name: "continue on success", file: ex("orquesta-error-handling-continue"), input: `{"cmd": "true"}`,
			status: interp.StatusSucceeded, output: `{"output": {"message": "hooray!!!"}}`, tasks: "task1,task2"},
		{name: "noop ignores failure", file: ex("orquesta-error-handling-noop"), input: `{"cmd": "exit 1"}`,
			status: interp.StatusSucceeded, output: `{"output": {"message": "$%#&@#$!!!"}}`, tasks: "task1"},
		{name: "remediate and fail", file: ex("orquesta-error-handling-fail-manually"), input: `{"cmd": "exit 1"}`,
			status: interp.StatusFailed, tasks: "task1,task3", cause: "fail command of task task3"},
		{name: "remediate then fail", file: ex("orquesta-remediate-then-fail"), input: `{}`,
			status: interp.StatusFailed, tasks: "task1,log", cause: "fail command of task task1"},
		{name: "with items", file: ex("orquesta-with-items"), input: `{"members": ["Lakshmi", "Lindsay"]}`, status: interp.StatusSucceeded,
			output: `{"output": {"items": ["Lakshmi, resistance is futile!", "Lindsay, resistance is futile!"]}}`, tasks: "task1,task1"},
		{name: "with items concurrency", file: ex("orquesta-with-items-concurrency"), input: `{"members": ["a", "b", "c"]}`,
			status: interp.StatusSucceeded, output: `{"output": {"items": ["a, resistance is futile!", "b, resistance is futile!", "c, resistance is futile!"]}}`},
		{name: "st2 context", file: ex("orquesta-st2-ctx"), input: `{"st2": {"api_url": "http://st2/api/v1"}}`, status: interp.StatusSucceeded},
		{name: "st2kv", file: ex("orquesta-st2kv"), input: `{"key_name": "greeting", "decrypt": false}`, status: interp.StatusSucceeded,
			output: `{"output": {"value": "echo hello"}}`, tasks: "task1"},
		{name: "subworkflow", file: ex("orquesta-subworkflow"), input: `{}`, status: interp.StatusSucceeded, tasks: "start,sub,finish"},
		{name: "chain", file: conformance.MustPath(t, "st2", "contrib", "examples", "actions", "chains", "echochain.yaml"),
			input: `{}`, status: interp.StatusSucceeded, tasks: "c1,c2,c3"},
		{name: "sequential keywords", file: filepath.Join("testdata", "compile", "sequential.yaml"), input: `{"name": "Ann"}`,
			status: interp.StatusSucceeded, output: `{"output": {"said": "Hello, Ann!", "status": "succeeded"}}`, tasks: "start,wait,last"},
		{name: "join", file: ex("orquesta-join"), input: `{}`, status: interp.StatusSucceeded,
			output: `{"output": {"messages": ["Fee fi fo fum", "I smell the blood of an English man", "Be alive, or be he dead", "I'll grind his bones to make my bread"]}}`},
		{name: "nested forks", file: filepath.Join("testdata", "compile", "fork.yaml"), input: `{}`, status: interp.StatusSucceeded,
			output: `{"output": {"all": "a echo b d succeeded"}}`},
		{name: "failure in a branch", file: filepath.Join("testdata", "compile", "fork.yaml"), input: `{"fail_b": true}`,
			status: interp.StatusFailed, cause: `"task_id":"b"`},
		{name: "join 2 of 3, all arrive", file: filepath.Join("testdata", "compile", "joincount.yaml"), input: `{}`,
			status: interp.StatusSucceeded, output: `{"output": {"joined": "a b"}}`},
		{name: "join 2 of 3, one arrives", file: filepath.Join("testdata", "compile", "joincount.yaml"), input: `{"skip_b": true}`,
			status: interp.StatusFailed, cause: `UnreachableJoinError: The join task|route \"j|0\" is partially satisfied but unreachable.`},
		{name: "st2kv in next, in branches", file: filepath.Join("testdata", "compile", "kvnext.yaml"), input: `{}`,
			status: interp.StatusSucceeded, output: `{"output": {"shout": "loud", "greeting": "hello b"}}`},
		{name: "st2kv in an input default", file: filepath.Join("testdata", "compile", "kvinput.yaml"), input: `{}`,
			status: interp.StatusSucceeded, output: `{"output": {"said": "hello"}}`},
		{name: "st2kv input default given", file: filepath.Join("testdata", "compile", "kvinput.yaml"), input: `{"who": "Ann"}`,
			status: interp.StatusSucceeded, output: `{"output": {"said": "Ann"}}`},
		{name: "helpers, native JSONata, continue and retry commands", file: filepath.Join("testdata", "compile", "helpers.yaml"), input: `{}`,
			status: interp.StatusSucceeded, tasks: "parse,flaky,flaky,flaky",
			output: `{"output": {"host": "web-01", "tags": ["a", "b"], "again": "[\"a\",\"b\"]", "is_web": true, "short": "web1", "fallback": null, "native": "{\"NAME\": \"WEB-01\"", "tries": 2}}`},
		{name: "every matching transition", file: filepath.Join("testdata", "compile", "alltransitions.yaml"), input: `{}`,
			status: interp.StatusSucceeded, output: `{"output": {"out": "a yes"}}`, tasks: "a,b"},
		{name: "zipped items", file: filepath.Join("testdata", "compile", "items.yaml"), input: `{"hosts": ["a", "b"], "ports": [80, 443]}`,
			status: interp.StatusSucceeded, output: `{"output": {"probed": ["a:80", "b:443"]}}`, tasks: "probe,probe"},
		{name: "inquiry approved", file: ex("orquesta-ask-basic"), input: `{}`, status: interp.StatusSucceeded,
			tasks: "start,get_approval,finish"},
		{name: "inquiry rejected", file: ex("orquesta-ask-basic"), input: `{}`, status: interp.StatusFailed, reject: true,
			tasks: "start,get_approval,stop", cause: "fail command of task stop"},
		{name: "nested workflow gets its input", file: filepath.Join("testdata", "compile", "nested.yaml"), input: `{"who": "Ada"}`,
			status: interp.StatusSucceeded, output: `{"output": {"greeting": "Hello Ada"}}`},
		{name: "chain keywords", file: filepath.Join("testdata", "compile", "chain.yaml"), input: `{"url": "http://x"}`,
			status: interp.StatusSucceeded, output: `{"output": {"port": 9101, "host": "h1", "body": "curl http://x:9101"}}`, tasks: "fetch,report"},
		{name: "chain st2kv in publish", file: filepath.Join("testdata", "compile", "chainkv.yaml"), input: `{}`,
			status: interp.StatusSucceeded, output: `{"output": {"greeting": "hello hi"}}`, tasks: "greet,say"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runOne(t, c) })
	}
}

// runOne compiles and runs one case on the interpreter with a stub runner.
func runOne(t *testing.T, c runCase) {
	runner := &stubRunner{kv: map[string]any{"greeting": "hello", "system.key": "k1", "system.host": "h1", "system.mode": "loud", "system.greeting": "hello"}, reject: c.reject}
	reg := interp.NewRegistry()
	reg.Lambda(DefaultRunnerFunction, runner.invoke)
	in, err := interp.New(interp.WithRegistry(reg), interp.WithClock(interp.NewVirtualClock(time.Unix(0, 0))),
		interp.WithAccount("us-east-1", "123456789012"))
	if err != nil {
		t.Fatal(err)
	}
	runner.in = in
	loadSubworkflow(t, in)
	def, err := compileFile(t, c.file)
	if err != nil {
		t.Fatalf("compiling: %v", err)
	}
	m, err := in.Load("wf", def)
	if err != nil {
		t.Fatalf("loading: %v", err)
	}
	var input any
	if err := json.Unmarshal([]byte(c.input), &input); err != nil {
		t.Fatal(err)
	}
	res, _, err := in.Run(t.Context(), m, input)
	if err != nil {
		t.Fatalf("running: %v", err)
	}
	checkRun(t, c, res, runner.tasks)
}

func checkRun(t *testing.T, c runCase, res *interp.Result, tasks []string) {
	t.Helper()
	if res.Status != c.status {
		t.Fatalf("got status %s (%s: %s), want %s", res.Status, res.Error, res.Cause, c.status)
	}
	if c.output != "" {
		var want any
		if err := json.Unmarshal([]byte(c.output), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Output, want) {
			got, _ := json.Marshal(res.Output)
			t.Errorf("got output %s, want %s", got, c.output)
		}
	}
	if c.tasks != "" {
		if got := strings.Join(tasks, ","); got != c.tasks {
			t.Errorf("got tasks %s, want %s", got, c.tasks)
		}
	}
	if !strings.Contains(res.Cause, c.cause) {
		t.Errorf("got cause %q, want it to contain %q", res.Cause, c.cause)
	}
}

// loadSubworkflow registers the workflow orquesta-subworkflow calls.
func loadSubworkflow(t *testing.T, in *interp.Interpreter) {
	t.Helper()
	src := "version: 1.0\ninput:\n  - name: World\ntasks:\n  sub:\n    action: core.noop\noutput:\n  - greeting: Hello <% ctx(name) %>\n"
	wf, err := ParseOrquesta("sub.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	def, err := Compile(wf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Load(StateMachineName("examples.orquesta-sequential"), def); err != nil {
		t.Fatal(err)
	}
}
