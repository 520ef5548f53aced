package pythonfn

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/python"
)

// fakeInvoker decodes the invocation and answers with answer.
type fakeInvoker struct {
	function string
	got      python.Invocation
	answer   string
	err      error
}

func (f *fakeInvoker) Invoke(_ context.Context, function string, payload []byte) ([]byte, error) {
	f.function = function
	if err := json.Unmarshal(payload, &f.got); err != nil {
		return nil, err
	}
	return []byte(f.answer), f.err
}

func request(t *testing.T) runner.Request {
	pack, err := filepath.Abs("../../runner/python/testdata/pack")
	if err != nil {
		t.Fatal(err)
	}
	return runner.Request{ExecutionID: "e1", Parameters: map[string]any{"name": "Ada"}, Config: map[string]any{"k": "v"},
		Action: runner.Action{Ref: "demo.hello", Pack: "demo", Name: "hello", Runner: "python-script", PackDir: pack,
			EntryPoint: filepath.Join(pack, "actions", "hello.py")}}
}

func TestFunction(t *testing.T) {
	tests := []struct {
		name       string
		answer     string
		err        error
		wantStatus runner.Status
		wantResult any
		wantErr    bool
	}{
		{name: "success", answer: `{"stdout":"hi\n","stderr":"","exit_code":0,"timed_out":false,"done":true,"status":null,"result":"Bonjour, Ada."}`,
			wantStatus: runner.StatusSucceeded, wantResult: map[string]any{"stdout": "hi\n", "stderr": "", "exit_code": 0, "result": "Bonjour, Ada."}},
		{name: "false tuple", answer: `{"stdout":"","stderr":"","exit_code":0,"done":true,"status":false,"result":{"reason":"nope"}}`,
			wantStatus: runner.StatusFailed, wantResult: map[string]any{"stdout": "", "stderr": "", "exit_code": 0, "result": map[string]any{"reason": "nope"}}},
		{name: "exception", answer: `{"stdout":"","stderr":"Traceback\nValueError: boom\n","exit_code":1,"done":false,"status":null,"result":null}`,
			wantStatus: runner.StatusFailed, wantResult: map[string]any{"stdout": "", "stderr": "Traceback\nValueError: boom\n", "exit_code": 1, "result": "None"}},
		{name: "function failed", err: &lambdafn.FunctionError{Function: "py", Kind: "Unhandled", Type: "InvocationError", Message: "bad"},
			wantStatus: runner.StatusFailed, wantErr: true},
		{name: "not JSON", answer: `oops`, wantStatus: runner.StatusFailed, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := &fakeInvoker{answer: tt.answer, err: tt.err}
			r, err := python.NewRemote(Function{Invoker: inv, Name: "stormless-py"})
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Run(t.Context(), request(t))
			if (err != nil) != tt.wantErr || res.Status != tt.wantStatus {
				t.Fatalf("got %s %v, want %s (error %v)", res.Status, err, tt.wantStatus, tt.wantErr)
			}
			if tt.wantErr {
				if tt.err != nil && !errors.Is(err, tt.err) {
					t.Errorf("got %v, want the function's error wrapped", err)
				}
			} else if !reflect.DeepEqual(res.Result, tt.wantResult) {
				t.Errorf("got %#v, want %#v", res.Result, tt.wantResult)
			}
			if inv.function != "stormless-py" || inv.got.Start.Parameters["name"] != "Ada" || inv.got.Start.Config["k"] != "v" ||
				inv.got.Env["ST2_ACTION_EXECUTION_ID"] != "e1" {
				t.Errorf("invoked %q with %+v, want the action's invocation", inv.function, inv.got)
			}
		})
	}
}

func TestNewRunner(t *testing.T) {
	base := map[string]string{lambdafn.EnvRegion: "eu-west-1", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK"}
	env := func(extra map[string]string) lambdafn.Env {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return lambdafn.EnvFrom(func(k string) string { return m[k] })
	}
	if _, err := NewRunner(env(nil)); !errors.Is(err, ErrNoFunction) {
		t.Errorf("got %v, want ErrNoFunction", err)
	}
	if _, err := NewRunner(lambdafn.Env{}); !errors.Is(err, ErrNoFunction) {
		t.Errorf("got %v, want ErrNoFunction for an empty Env", err)
	}
	if r, err := NewRunner(env(map[string]string{EnvFunction: "py"})); err != nil || r == nil {
		t.Errorf("got %v, want a runner", err)
	}
	if _, err := NewRunner(lambdafn.EnvFrom(func(k string) string { return map[string]string{EnvFunction: "py"}[k] })); err == nil {
		t.Error("got no error without AWS_REGION")
	}
}

// FuzzAnswer feeds arbitrary answers of the Python function to the
// runner: it never panics, and a result is either a well-formed
// python-script result or a failure with an error.
func FuzzAnswer(f *testing.F) {
	f.Add(`{"stdout":"a\nb","stderr":"","exit_code":0,"done":true,"status":null,"result":{"x":[1,2]}}`)
	f.Add(`{"exit_code":220,"stderr":"bad"}`)
	f.Add(`{"timed_out":true,"exit_code":-9}`)
	f.Add(`{"result":"not closed`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, answer string) {
		r, err := python.NewRemote(Function{Invoker: &fakeInvoker{answer: answer}, Name: "py"})
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Run(context.Background(), request(t))
		if err != nil {
			if res.Status != runner.StatusFailed {
				t.Errorf("got %s with error %v, want failed", res.Status, err)
			}
			return
		}
		m, ok := res.Result.(map[string]any)
		if !ok || m["exit_code"] == nil || !res.Status.Final() {
			t.Errorf("got %s %#v, want a final python-script result", res.Status, res.Result)
		}
	})
}
