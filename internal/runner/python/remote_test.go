package python

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/runner"
)

// fakeExecutor records the invocation and answers with a fixed report.
type fakeExecutor struct {
	got  Invocation
	resp Completion
	err  error
}

func (f *fakeExecutor) Execute(_ context.Context, inv Invocation) (Completion, error) {
	f.got = inv
	return f.resp, f.err
}

func boolPtr(b bool) *bool { return &b }

func TestRemoteInvocation(t *testing.T) {
	f := &fakeExecutor{resp: Completion{Done: true, Result: json.RawMessage(`"ok"`)}}
	r, err := NewRemote(f)
	if err != nil {
		t.Fatal(err)
	}
	req := request(t, "hello", map[string]any{"name": "Ada", "timeout": 7, "env": map[string]any{"A": 1, "PYTHONPATH": "/evil"}})
	req.User = "ada"
	req.AuthToken = "tok"
	if _, err := r.Run(t.Context(), req); err != nil {
		t.Fatal(err)
	}
	inv := f.got
	if want := map[string]any{"name": "Ada"}; !reflect.DeepEqual(inv.Start.Parameters, want) {
		t.Errorf("got parameters %v, want %v (runner parameters are not the action's)", inv.Start.Parameters, want)
	}
	if inv.Start.EntryPoint != req.Action.EntryPoint || inv.Start.Pack != "demo" || inv.Start.User != "ada" || inv.Start.LogLevel != "DEBUG" {
		t.Errorf("got start %+v", inv.Start)
	}
	if inv.Start.Config["greeting"] != "Bonjour" {
		t.Errorf("got config %v, want the pack config", inv.Start.Config)
	}
	if inv.Timeout != 7 || inv.PackDir != req.Action.PackDir {
		t.Errorf("got timeout %v pack dir %q, want 7 and %q", inv.Timeout, inv.PackDir, req.Action.PackDir)
	}
	want := map[string]string{"A": "1", "ST2_ACTION_PACK_NAME": "demo", "ST2_ACTION_EXECUTION_ID": "exec-42",
		"ST2_ACTION_API_URL": "", "ST2_ACTION_DEBUG": "False", "ST2_API_URL": "", "ST2_ACTION_AUTH_TOKEN": "tok", "ST2_AUTH_TOKEN": "tok"}
	if !reflect.DeepEqual(inv.Env, want) {
		t.Errorf("got env %v, want %v (no PYTHONPATH: the host builds it)", inv.Env, want)
	}
}

func TestRemoteResults(t *testing.T) {
	tests := []struct {
		name       string
		resp       Completion
		ctxCancel  bool
		wantStatus runner.Status
		want       map[string]any
		wantErr    error
	}{
		{name: "plain value", resp: Completion{Stdout: "hi\n", Done: true, Result: json.RawMessage(`{"a":1}`)},
			wantStatus: runner.StatusSucceeded, want: map[string]any{"stdout": "hi\n", "stderr": "", "exit_code": 0, "result": map[string]any{"a": 1.0}}},
		{name: "false tuple", resp: Completion{Done: true, Status: boolPtr(false), Result: json.RawMessage(`"nope"`)},
			wantStatus: runner.StatusFailed, want: map[string]any{"stdout": "", "stderr": "", "exit_code": 0, "result": "nope"}},
		{name: "raised", resp: Completion{Stderr: "Traceback ...\nValueError: x\n", ExitCode: 1},
			wantStatus: runner.StatusFailed, want: map[string]any{"stdout": "", "stderr": "Traceback ...\nValueError: x\n", "exit_code": 1, "result": "None"}},
		{name: "timed out", resp: Completion{ExitCode: -9, TimedOut: true},
			wantStatus: runner.StatusTimeout, want: map[string]any{"stdout": "", "stderr": "", "exit_code": -9, "result": "None", "error": "Action failed to complete in 600 seconds"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := NewRemote(&fakeExecutor{resp: tt.resp})
			var lines []runner.Line
			req := request(t, "hello", nil)
			req.Output = func(l runner.Line) { lines = append(lines, l) }
			res, err := r.Run(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.wantStatus || !reflect.DeepEqual(res.Result, tt.want) {
				t.Errorf("got %s %#v, want %s %#v", res.Status, res.Result, tt.wantStatus, tt.want)
			}
			var text strings.Builder
			for _, l := range lines {
				text.WriteString(l.Text)
			}
			if text.String() != tt.resp.Stdout+tt.resp.Stderr {
				t.Errorf("got output %q, want %q", text.String(), tt.resp.Stdout+tt.resp.Stderr)
			}
		})
	}
}

func TestRemoteInvalidStatus(t *testing.T) {
	r, _ := NewRemote(&fakeExecutor{resp: Completion{ExitCode: invalidStatusExitCode, Stderr: "Status returned ... got: 3\n"}})
	_, err := r.Run(t.Context(), request(t, "bad_status", nil))
	if !errors.Is(err, ErrInvalidStatus) {
		t.Errorf("got %v, want ErrInvalidStatus", err)
	}
}

func TestRemoteErrors(t *testing.T) {
	boom := errors.New("invoke refused")
	r, _ := NewRemote(&fakeExecutor{err: boom})
	res, err := r.Run(t.Context(), request(t, "hello", nil))
	if !errors.Is(err, boom) || res.Status != runner.StatusFailed {
		t.Errorf("got %s %v, want failed wrapping the executor's error", res.Status, err)
	}
	req := request(t, "missing", nil)
	if _, err := r.Run(t.Context(), req); !errors.Is(err, runner.ErrNoEntryPoint) {
		t.Errorf("got %v, want ErrNoEntryPoint for a missing file", err)
	}
	if _, err := NewRemote(nil); err == nil {
		t.Error("NewRemote(nil): got no error")
	}
}
