package pyrunner_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"

	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/python"
)

func needPython(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not on PATH: the Python runner function cannot be tested here")
	}
}

// TestHandler runs the handler's own tests (test_handler.py) with the
// machine's python3.
func TestHandler(t *testing.T) {
	needPython(t)
	cmd := exec.CommandContext(t.Context(), "python3", "-W", "error::ResourceWarning", "-m", "unittest", "-v", "test_handler")
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("python3 -m unittest test_handler: %v", err)
	}
}

// driver is a python.Executor running handler.run in testdata/driver.py
// (an in-memory SSM), as the Lambda function would.
type driver struct{}

func (driver) Execute(ctx context.Context, inv python.Invocation) (python.Completion, error) {
	in, err := json.Marshal(inv)
	if err != nil {
		return python.Completion{}, err
	}
	cmd := exec.CommandContext(ctx, "python3", filepath.Join("testdata", "driver.py"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return python.Completion{}, fmt.Errorf("running driver.py: %w\n%s", err, stderr.String())
	}
	var c python.Completion
	if err := json.Unmarshal(out, &c); err != nil {
		return python.Completion{}, fmt.Errorf("decoding driver.py's answer %q: %w", out, err)
	}
	return c, nil
}

// TestSameResultAsLocal runs each action of the python runner's test pack
// locally (python.Runner) and through the function's handler
// (python.Remote), and wants the same status and result.
func TestSameResultAsLocal(t *testing.T) {
	needPython(t)
	local, err := python.New(python.WithCacheDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	remote, err := python.NewRemote(driver{})
	if err != nil {
		t.Fatal(err)
	}
	pack, err := filepath.Abs(filepath.Join("..", "internal", "runner", "python", "testdata", "pack"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		action string
		params map[string]any
		want   runner.Status
	}{
		{"hello", map[string]any{"name": "Ada"}, runner.StatusSucceeded},
		{"tuple_ok", nil, runner.StatusSucceeded},
		{"tuple_fail", nil, runner.StatusFailed},
		{"raises", nil, runner.StatusFailed},
		{"not_json", nil, runner.StatusSucceeded},
		{"uses_lib", map[string]any{"word": "hi"}, runner.StatusSucceeded},
		{"datastore", nil, runner.StatusSucceeded},
		{"streams", map[string]any{"flag": "."}, runner.StatusSucceeded}, // returns ST2_ACTION_EXECUTION_ID
		{"slow", map[string]any{"timeout": 1}, runner.StatusTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			req := runner.Request{
				ExecutionID: "exec-42",
				Action: runner.Action{Ref: "demo." + tt.action, Pack: "demo", Name: tt.action, PackDir: pack,
					EntryPoint: filepath.Join(pack, "actions", tt.action+".py"),
					Parameters: map[string]runner.Param{"timeout": {Type: "integer", Runner: true}}},
				Parameters: tt.params,
				Config:     map[string]any{"greeting": "Bonjour"},
			}
			kv, err := memkv.New()
			if err != nil {
				t.Fatal(err)
			}
			req.Datastore = kv
			want, lerr := local.Run(t.Context(), req)
			got, rerr := remote.Run(t.Context(), req)
			if (lerr == nil) != (rerr == nil) {
				t.Fatalf("got error %v, want %v (as locally)", rerr, lerr)
			}
			if got.Status != tt.want || want.Status != tt.want {
				t.Errorf("got status %s (local %s), want %s", got.Status, want.Status, tt.want)
			}
			if !reflect.DeepEqual(normal(got.Result), normal(want.Result)) {
				t.Errorf("got %#v\nwant (local) %#v", got.Result, want.Result)
			}
		})
	}
}

// logStamp is the time and process id of the action logger's lines.
var logStamp = regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ `)

// normal drops what differs between two runs of one action: the log
// lines' time and process id, the traceback's file paths (stderr of an
// action that raised is compared by its last line) and JSON number types.
func normal(v any) any {
	b, _ := json.Marshal(v)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if s, ok := m["stderr"].(string); ok {
		m["stderr"] = logStamp.ReplaceAllString(s, "")
		if m["exit_code"] == 1.0 {
			m["stderr"] = lastLine(s)
		}
	}
	return m
}

func lastLine(s string) string {
	lines := bytes.Split(bytes.TrimSpace([]byte(s)), []byte("\n"))
	return string(lines[len(lines)-1])
}
