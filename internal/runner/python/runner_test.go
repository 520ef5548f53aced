package python

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/runner"
)

// newRunner returns a runner, or skips the test when this machine has no
// python3.
func newRunner(t *testing.T) *Runner {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not on PATH: the python-script runner cannot be tested here")
	}
	r, err := New(WithCacheDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func packDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs("testdata/pack")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func request(t *testing.T, file string, params map[string]any) runner.Request {
	dir := packDir(t)
	return runner.Request{
		ExecutionID: "exec-42",
		Action: runner.Action{Ref: "demo." + file, Pack: "demo", Name: file, EntryPoint: filepath.Join(dir, "actions", file+".py"), PackDir: dir,
			Parameters: map[string]runner.Param{"timeout": {Type: "integer", Runner: true}, "env": {Type: "object", Runner: true}}},
		Parameters: params,
		Config:     map[string]any{"greeting": "Bonjour"},
	}
}

func TestActions(t *testing.T) {
	r := newRunner(t)
	tests := []struct {
		name       string
		file       string
		params     map[string]any
		wantStatus runner.Status
		wantResult any
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{name: "plain value with config and logger", file: "hello", params: map[string]any{"name": "Ana", "timeout": 30.0},
			wantStatus: runner.StatusSucceeded, wantResult: "Bonjour, Ana.", wantStdout: "about to greet\n", wantStderr: "INFO hello [-] greeting Ana"},
		{name: "false tuple fails", file: "tuple_fail", wantStatus: runner.StatusFailed, wantResult: map[string]any{"reason": "nope"}},
		{name: "true tuple succeeds", file: "tuple_ok", wantStatus: runner.StatusSucceeded, wantResult: []any{1.0, 2.0}},
		{name: "raises", file: "raises", wantStatus: runner.StatusFailed, wantResult: "None", wantCode: 1, wantStderr: "ValueError: boom"},
		{name: "lib and legacy import", file: "uses_lib", params: map[string]any{"word": "hey"}, wantStatus: runner.StatusSucceeded,
			wantResult: map[string]any{"word": "HEY!", "set": "[1, 3]"}},
		{name: "result not JSON is stringified", file: "not_json", wantStatus: runner.StatusSucceeded, wantResult: "{1, 2}"},
		{name: "no action class", file: "no_class", wantStatus: runner.StatusFailed, wantResult: "None", wantCode: 1, wantStderr: "has no action class"},
		{name: "missing parameter", file: "hello", wantStatus: runner.StatusFailed, wantResult: "None", wantCode: 1, wantStderr: "missing 1 required positional argument: 'name'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Run(t.Context(), request(t, tt.file, tt.params))
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			m := res.Result.(map[string]any)
			if res.Status != tt.wantStatus {
				t.Errorf("status: got %s, want %s (%v)", res.Status, tt.wantStatus, m)
			}
			if !reflect.DeepEqual(m["result"], tt.wantResult) {
				t.Errorf("result: got %#v, want %#v", m["result"], tt.wantResult)
			}
			if m["exit_code"] != tt.wantCode {
				t.Errorf("exit_code: got %v, want %d", m["exit_code"], tt.wantCode)
			}
			if !strings.Contains(m["stdout"].(string), tt.wantStdout) {
				t.Errorf("stdout: got %q, want it to contain %q", m["stdout"], tt.wantStdout)
			}
			if !strings.Contains(m["stderr"].(string), tt.wantStderr) {
				t.Errorf("stderr: got %q, want it to contain %q", m["stderr"], tt.wantStderr)
			}
		})
	}
}

func TestInvalidStatus(t *testing.T) {
	res, err := newRunner(t).Run(t.Context(), request(t, "bad_status", nil))
	if !errors.Is(err, ErrInvalidStatus) || res.Status != runner.StatusFailed {
		t.Fatalf("got %s %v, want failed with ErrInvalidStatus", res.Status, err)
	}
	if !strings.Contains(err.Error(), "must either be True or False, got: yes") {
		t.Errorf("got %q, want the shim's message", err)
	}
}

func TestDatastore(t *testing.T) {
	req := request(t, "datastore", nil)
	store, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	req.Datastore = store
	res, err := newRunner(t).Run(t.Context(), req)
	if err != nil || res.Status != runner.StatusSucceeded {
		t.Fatalf("got %s %v, want succeeded (%v)", res.Status, err, res.Result)
	}
	want := map[string]any{
		"got": "41", "shared": "global", "missing": nil, "names": []any{"demo.Datastore:counter"},
		"deleted": true, "deleted_again": false, "scope_error": "Scope user is unsupported.",
	}
	if got := res.Result.(map[string]any)["result"]; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
	if kv, err := store.Get(t.Context(), req.Key(datastore.ScopeSystem, "shared"), false); err != nil || kv.Value != "global" {
		t.Errorf("stored global key: got %q %v, want global", kv.Value, err)
	}
}

func TestNoDatastore(t *testing.T) {
	res, err := newRunner(t).Run(t.Context(), request(t, "datastore", nil))
	if err != nil || res.Status != runner.StatusFailed {
		t.Fatalf("got %s %v, want a failed action", res.Status, err)
	}
	if s := res.Result.(map[string]any)["stderr"].(string); !strings.Contains(s, "datastore is not available") {
		t.Errorf("stderr: got %q, want the datastore error", s)
	}
}

func TestStreamsWhileRunning(t *testing.T) {
	flag := filepath.Join(t.TempDir(), "go-on")
	req := request(t, "streams", map[string]any{"flag": flag, "timeout": 20.0})
	var mu sync.Mutex
	var out strings.Builder
	req.Output = func(l runner.Line) {
		mu.Lock()
		defer mu.Unlock()
		if l.Stream == runner.Stdout {
			out.WriteString(l.Text)
		}
		if l.Text == "first\n" {
			if err := os.WriteFile(flag, nil, 0o600); err != nil {
				t.Errorf("writing flag: %v", err)
			}
		}
	}
	res, err := newRunner(t).Run(t.Context(), req)
	if err != nil || res.Status != runner.StatusSucceeded {
		t.Fatalf("got %s %v, want succeeded (%v)", res.Status, err, res.Result)
	}
	if out.String() != "first\nsecond\n" {
		t.Errorf("streamed: got %q, want first and second lines", out.String())
	}
	if got := res.Result.(map[string]any)["result"]; got != "exec-42" {
		t.Errorf("ST2_ACTION_EXECUTION_ID: got %v, want exec-42", got)
	}
}

func TestTimeout(t *testing.T) {
	start := time.Now()
	res, err := newRunner(t).Run(t.Context(), request(t, "slow", map[string]any{"timeout": 1.0}))
	if err != nil {
		t.Fatal(err)
	}
	m := res.Result.(map[string]any)
	if res.Status != runner.StatusTimeout || m["exit_code"] != -9 || m["error"] != "Action failed to complete in 1 seconds" {
		t.Errorf("got %s %v, want timeout with exit_code -9", res.Status, m)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s, want about 1s", d)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(300*time.Millisecond, cancel)
	res, err := newRunner(t).Run(ctx, request(t, "slow", nil))
	if err != nil || res.Status != runner.StatusCanceled {
		t.Errorf("got %s %v, want canceled", res.Status, err)
	}
}

func TestPreparationErrors(t *testing.T) {
	r := newRunner(t)
	tests := []struct {
		name string
		req  func() runner.Request
		want error
	}{
		{name: "no entry point", req: func() runner.Request { q := request(t, "hello", nil); q.Action.EntryPoint = ""; return q }, want: runner.ErrNoEntryPoint},
		{name: "missing file", req: func() runner.Request { return request(t, "nope", nil) }, want: runner.ErrNoEntryPoint},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Run(t.Context(), tt.req())
			if !errors.Is(err, tt.want) || res.Status != runner.StatusFailed {
				t.Errorf("got %s %v, want failed with %v", res.Status, err, tt.want)
			}
		})
	}
	noPy, err := New(WithPython("no-such-python-stormless"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := noPy.Run(t.Context(), request(t, "hello", nil)); !errors.Is(err, ErrNoPython) {
		t.Errorf("got %v, want ErrNoPython", err)
	}
}
