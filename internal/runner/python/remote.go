package python

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

// Start is the shim's first message: what to run and how (the entry
// point, the pack, its config, the action parameters, the user and the
// log level).
type Start = start

// Invocation is what a remote host needs to run one action through the
// shim: the shim's first message, the pack's directory (its actions/lib
// goes on PYTHONPATH after the shim), the variables to add to the host's
// environment (the env parameter and StackStorm's ST2_ACTION_* variables;
// never PYTHONPATH) and the timeout in seconds. It is the JSON the Python
// Lambda function (pyrunner/handler.py) reads.
type Invocation struct {
	Start   Start             `json:"start"`
	PackDir string            `json:"pack_dir"`
	Env     map[string]string `json:"env"`
	Timeout float64           `json:"timeout"`
}

// Completion is what the remote host reports: the shim process's output
// and exit code, whether the timeout ended it, and the result message the
// shim sent (Done false when it sent none: the action raised or exited).
type Completion struct {
	Stdout   string          `json:"stdout"`
	Stderr   string          `json:"stderr"`
	ExitCode int             `json:"exit_code"`
	TimedOut bool            `json:"timed_out"`
	Done     bool            `json:"done"`
	Status   *bool           `json:"status"`
	Result   json.RawMessage `json:"result"`
}

// Executor runs the shim somewhere else (the Python Lambda function) and
// serves its datastore calls there. An error means the invocation itself
// failed (the action may not have run); an action that fails is a
// Completion.
type Executor interface {
	Execute(ctx context.Context, inv Invocation) (Completion, error)
}

// Remote is the python-script runner for hosts without a Python
// interpreter: it prepares the execution as Runner does, has an Executor
// run the shim, and builds the same result as Runner from its report.
// The Request's Datastore is not used: the executor's host serves the
// datastore. Output lines are delivered when the action has finished. It
// is safe for concurrent use if the Executor is.
type Remote struct {
	exec Executor
}

var _ runner.Runner = (*Remote)(nil)

// NewRemote returns the python-script runner over x.
func NewRemote(x Executor) (*Remote, error) {
	if x == nil {
		return nil, errors.New("creating the remote python runner: nil executor")
	}
	return &Remote{exec: x}, nil
}

// Run implements runner.Runner.
func (r *Remote) Run(ctx context.Context, req runner.Request) (runner.Result, error) {
	s, err := readSettings(req)
	if err == nil {
		err = checkEntryPoint(req)
	}
	if err != nil {
		err = req.RedactError(fmt.Errorf("preparing %s: %w", req.Action.Ref, err))
		return runner.Failed(err), err
	}
	c, err := r.exec.Execute(ctx, invocation(req, s))
	if err != nil {
		return failed(req, err)
	}
	replay(req.Output, runner.Stdout, c.Stdout)
	replay(req.Output, runner.Stderr, c.Stderr)
	o := shell.Outcome{ExitCode: c.ExitCode, Stdout: c.Stdout, Stderr: c.Stderr, TimedOut: c.TimedOut,
		Canceled: errors.Is(ctx.Err(), context.Canceled)}
	return result(o, outcome{done: c.Done, status: c.Status, result: decode(c.Result)}, s.timeout)
}

// invocation builds the Invocation of req with its runner settings s.
func invocation(req runner.Request, s settings) Invocation {
	return Invocation{
		Start: start{EntryPoint: req.Action.EntryPoint, Pack: req.Action.Pack, Config: req.Config,
			Parameters: req.ActionParameters(), User: req.RunAs(), LogLevel: s.logLevel},
		PackDir: req.Action.PackDir, Env: actionVars(req, s), Timeout: s.timeout.Seconds(),
	}
}

// replay sends text to out line by line, as a local run streams it.
func replay(out runner.Output, stream runner.Stream, text string) {
	if out == nil {
		return
	}
	for text != "" {
		i := strings.IndexByte(text, '\n') + 1
		if i == 0 {
			i = len(text)
		}
		out(runner.Line{Stream: stream, Text: text[:i]})
		text = text[i:]
	}
}
