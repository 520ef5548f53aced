package shell

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

func cmdRequest(params map[string]any) runner.Request {
	return runner.Request{
		ExecutionID: "exec-1",
		Action:      runner.Action{Ref: "core.local", Pack: "core", Name: "local", Runner: "local-shell-cmd", Parameters: map[string]runner.Param{"cmd": {Type: "string", Runner: true}}},
		Parameters:  params,
	}
}

func mustCmd(t *testing.T, opts ...Option) *Local {
	t.Helper()
	l, err := NewCmd(opts...)
	if err != nil {
		t.Fatalf("NewCmd: %v", err)
	}
	return l
}

func resultMap(t *testing.T, r runner.Result) map[string]any {
	t.Helper()
	m, ok := r.Result.(map[string]any)
	if !ok {
		t.Fatalf("result is %T, want a map", r.Result)
	}
	return m
}

func TestLocalCmd(t *testing.T) {
	tests := []struct {
		name       string
		params     map[string]any
		wantStatus runner.Status
		wantCode   int
		wantStdout any
		wantStderr string // substring
	}{
		{name: "echo", params: map[string]any{"cmd": "echo hello"}, wantStatus: runner.StatusSucceeded, wantCode: 0, wantStdout: "hello"},
		{name: "json stdout decoded", params: map[string]any{"cmd": `echo '{"a": [1, 2]}'`}, wantStatus: runner.StatusSucceeded, wantStdout: map[string]any{"a": []any{1.0, 2.0}}},
		{name: "exit code", params: map[string]any{"cmd": "echo out; echo err >&2; exit 3"}, wantStatus: runner.StatusFailed, wantCode: 3, wantStdout: "out", wantStderr: "err"},
		{name: "command not found", params: map[string]any{"cmd": "no-such-command-stormless"}, wantStatus: runner.StatusFailed, wantCode: 127, wantStdout: "", wantStderr: "not found"},
		{name: "env and st2 variables", params: map[string]any{"cmd": `echo "$GREETING $ST2_ACTION_EXECUTION_ID $ST2_ACTION_PACK_NAME $N"`, "env": map[string]any{"GREETING": "hi", "N": 2.0}}, wantStatus: runner.StatusSucceeded, wantStdout: "hi exec-1 core 2"},
		{name: "cwd", params: map[string]any{"cmd": "pwd", "cwd": "/"}, wantStatus: runner.StatusSucceeded, wantStdout: "/"},
		{name: "killed by signal", params: map[string]any{"cmd": "kill -TERM $$"}, wantStatus: runner.StatusAbandoned, wantCode: -15, wantStdout: ""},
	}
	l := mustCmd(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := l.Run(t.Context(), cmdRequest(tt.params))
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			m := resultMap(t, res)
			if res.Status != tt.wantStatus {
				t.Errorf("status: got %s, want %s (result %v)", res.Status, tt.wantStatus, m)
			}
			if m["return_code"] != tt.wantCode {
				t.Errorf("return_code: got %v, want %d", m["return_code"], tt.wantCode)
			}
			if !equalJSON(m["stdout"], tt.wantStdout) {
				t.Errorf("stdout: got %#v, want %#v", m["stdout"], tt.wantStdout)
			}
			if s, _ := m["stderr"].(string); !strings.Contains(s, tt.wantStderr) {
				t.Errorf("stderr: got %q, want it to contain %q", s, tt.wantStderr)
			}
			if m["succeeded"] != (tt.wantStatus == runner.StatusSucceeded) || m["failed"] == m["succeeded"] {
				t.Errorf("succeeded/failed: got %v/%v for status %s", m["succeeded"], m["failed"], res.Status)
			}
		})
	}
}

func TestLocalTimeoutKillsGroup(t *testing.T) {
	l := mustCmd(t)
	start := time.Now()
	// The background sleep holds stdout: only killing the group ends it.
	res, err := l.Run(t.Context(), cmdRequest(map[string]any{"cmd": "echo started; sleep 30 & sleep 30", "timeout": 1.0}))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s, want about 1s", d)
	}
	m := resultMap(t, res)
	if res.Status != runner.StatusTimeout || m["return_code"] != -9 {
		t.Errorf("got status %s return_code %v, want timeout -9", res.Status, m["return_code"])
	}
	if m["error"] != "Action failed to complete in 1 seconds" {
		t.Errorf("error: got %q", m["error"])
	}
	if m["stdout"] != "started" {
		t.Errorf("stdout: got %q, want output read before the timeout", m["stdout"])
	}
}

func TestLocalCancel(t *testing.T) {
	l := mustCmd(t)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(200*time.Millisecond, cancel)
	res, err := l.Run(ctx, cmdRequest(map[string]any{"cmd": "sleep 30"}))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if res.Status != runner.StatusCanceled {
		t.Errorf("got %s, want canceled", res.Status)
	}
}

func TestLocalStreamsWhileRunning(t *testing.T) {
	dir := t.TempDir()
	flag := filepath.Join(dir, "go-on")
	var mu sync.Mutex
	var lines []runner.Line
	req := cmdRequest(map[string]any{
		// The command waits until the sink has seen its first line.
		"cmd":     "echo one; echo warn >&2; while [ ! -f " + flag + " ]; do sleep 0.02; done; printf two",
		"timeout": 20.0,
	})
	req.Output = func(l runner.Line) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, l)
		if l.Text == "one\n" {
			if err := os.WriteFile(flag, nil, 0o600); err != nil {
				t.Errorf("writing flag: %v", err)
			}
		}
	}
	res, err := mustCmd(t).Run(t.Context(), req)
	if err != nil || res.Status != runner.StatusSucceeded {
		t.Fatalf("got %s %v, want succeeded (result %v)", res.Status, err, res.Result)
	}
	want := map[runner.Stream]string{runner.Stdout: "one\ntwo", runner.Stderr: "warn\n"}
	got := map[runner.Stream]string{}
	for _, l := range lines {
		got[l.Stream] += l.Text
	}
	for s, w := range want {
		if got[s] != w {
			t.Errorf("%s lines: got %q, want %q", s, got[s], w)
		}
	}
}

func TestLocalSudo(t *testing.T) {
	res, err := mustCmd(t).Run(t.Context(), cmdRequest(map[string]any{"cmd": "id", "sudo": true}))
	if !errors.Is(err, runner.ErrSudoRefused) {
		t.Fatalf("got error %v, want runner.ErrSudoRefused", err)
	}
	m := resultMap(t, res)
	if res.Status != runner.StatusFailed || !strings.Contains(m["error"].(string), "sudo is not allowed") {
		t.Errorf("got %s %v, want a failed result explaining sudo", res.Status, m)
	}
}

func TestLocalSudoCommandLine(t *testing.T) {
	l := mustCmd(t, WithSudo(true))
	got, err := l.command(cmdRequest(nil), settings{cmd: "echo 'x'", sudo: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := `sudo -E -- bash -c 'echo '"'"'x'"'"''`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestLocalMissingCmd(t *testing.T) {
	res, err := mustCmd(t).Run(t.Context(), cmdRequest(map[string]any{}))
	var pe *runner.ParameterError
	if !errors.As(err, &pe) || pe.Name != "cmd" || res.Status != runner.StatusFailed {
		t.Errorf("got %v %s, want a failed result and a ParameterError for cmd", err, res.Status)
	}
}

func TestLocalScript(t *testing.T) {
	path, err := filepath.Abs("testdata/echoargs.sh")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		entry      string
		params     map[string]any
		wantStatus runner.Status
		wantStdout string
		wantErr    error
	}{
		{
			name:       "named and positional",
			entry:      path,
			params:     map[string]any{"who": "the world", "count": 2.0, "loud": true, "quiet": false, "kwarg_op": "-", "timeout": 10.0},
			wantStatus: runner.StatusSucceeded,
			wantStdout: "[-loud]\n[-who=the world]\n[2]",
		},
		{name: "missing script", entry: filepath.Join(t.TempDir(), "nope.sh"), params: map[string]any{}, wantStatus: runner.StatusFailed, wantErr: runner.ErrNoEntryPoint},
		{name: "no entry point", params: map[string]any{}, wantStatus: runner.StatusFailed, wantErr: runner.ErrNoEntryPoint},
	}
	l, err := NewScript()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := runner.Request{
				ExecutionID: "e",
				Action: runner.Action{Ref: "p.a", EntryPoint: tt.entry, Parameters: map[string]runner.Param{
					"count": {Type: "integer", Position: pos(0)}, "who": {Type: "string"},
					"kwarg_op": {Type: "string", Runner: true}, "timeout": {Type: "integer", Runner: true},
				}},
				Parameters: tt.params,
			}
			res, err := l.Run(t.Context(), req)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error: got %v, want %v", err, tt.wantErr)
			}
			if res.Status != tt.wantStatus {
				t.Errorf("status: got %s, want %s (%v)", res.Status, tt.wantStatus, res.Result)
			}
			if tt.wantStdout != "" && resultMap(t, res)["stdout"] != tt.wantStdout {
				t.Errorf("stdout: got %q, want %q", resultMap(t, res)["stdout"], tt.wantStdout)
			}
		})
	}
}

func TestLocalAlreadyCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	res, err := mustCmd(t).Run(ctx, cmdRequest(map[string]any{"cmd": "echo never"}))
	if err != nil || res.Status != runner.StatusCanceled {
		t.Errorf("got %s %v, want canceled", res.Status, err)
	}
}

func TestLocalSudoAllowed(t *testing.T) {
	if exec.Command("sudo", "-n", "true").Run() != nil {
		t.Skip("sudo is absent or needs a password on this machine: running actions with sudo cannot be tested here")
	}
	res, err := mustCmd(t, WithSudo(true)).Run(t.Context(), cmdRequest(map[string]any{"cmd": "id -u", "sudo": true}))
	if err != nil || res.Status != runner.StatusSucceeded || resultMap(t, res)["stdout"] != 0.0 {
		t.Errorf("got %s %v %v, want uid 0", res.Status, err, res.Result)
	}
}
