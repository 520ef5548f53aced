package python

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

// DefaultTimeout is the python-script timeout when the timeout parameter
// is absent, as in StackStorm.
const DefaultTimeout = 600 * time.Second

// ErrNoPython is returned (wrapped) when no Python interpreter is found.
var ErrNoPython = errors.New("python interpreter not found")

// invalidStatusExitCode is the shim's exit code when run() returned a
// status that is not a boolean, as in StackStorm.
const invalidStatusExitCode = 220

// Runner is the python-script runner. It is safe for concurrent use.
type Runner struct {
	python      string
	virtualenvs string
	cacheDir    string
}

var _ runner.Runner = (*Runner)(nil)

// Option configures a Runner.
type Option func(*Runner) error

// WithPython sets the interpreter (a path, or a name looked up in PATH);
// the default is python3.
func WithPython(path string) Option { return func(r *Runner) error { r.python = path; return nil } }

// WithVirtualenvs makes a pack with a virtualenv at dir/<pack> run with
// that virtualenv's bin/python, as StackStorm's per-pack virtualenvs.
func WithVirtualenvs(dir string) Option {
	return func(r *Runner) error { r.virtualenvs = dir; return nil }
}

// WithCacheDir sets where the shim is written (default: the user cache
// directory, else the temporary directory).
func WithCacheDir(dir string) Option { return func(r *Runner) error { r.cacheDir = dir; return nil } }

// New returns the python-script runner.
func New(opts ...Option) (*Runner, error) {
	r := &Runner{python: "python3"}
	for _, o := range opts {
		if err := o(r); err != nil {
			return nil, fmt.Errorf("configuring python runner: %w", err)
		}
	}
	if r.cacheDir == "" {
		r.cacheDir = defaultCacheDir()
	}
	return r, nil
}

func defaultCacheDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		if os.MkdirAll(d, 0o700) == nil {
			return d
		}
	}
	return os.TempDir()
}

// Interpreter returns the Python interpreter actions of pack run with, or
// an error wrapping ErrNoPython.
func (r *Runner) Interpreter(pack string) (string, error) {
	if r.virtualenvs != "" && pack != "" {
		p := filepath.Join(r.virtualenvs, pack, "bin", "python")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	p, err := exec.LookPath(r.python)
	if err != nil {
		return "", fmt.Errorf("looking up %s: %w (%v)", r.python, ErrNoPython, err)
	}
	return p, nil
}

// Run implements runner.Runner.
func (r *Runner) Run(ctx context.Context, req runner.Request) (runner.Result, error) {
	s, err := readSettings(req)
	if err == nil {
		err = checkEntryPoint(req)
	}
	var python, dir string
	if err == nil {
		python, err = r.Interpreter(req.Action.Pack)
	}
	if err == nil {
		dir, err = shimDir(r.cacheDir)
	}
	if err != nil {
		err = req.RedactError(fmt.Errorf("preparing %s: %w", req.Action.Ref, err))
		return runner.Failed(err), err
	}
	return r.run(ctx, req, s, python, dir)
}

func checkEntryPoint(req runner.Request) error {
	if req.Action.EntryPoint == "" {
		return fmt.Errorf("action %s is missing entry_point: %w", req.Action.Ref, runner.ErrNoEntryPoint)
	}
	if _, err := os.Stat(req.Action.EntryPoint); err != nil {
		return fmt.Errorf("action file %s: %w", req.Action.EntryPoint, runner.ErrNoEntryPoint)
	}
	return nil
}

// run starts the shim, feeds it the execution, serves its datastore calls
// and builds the result.
func (r *Runner) run(ctx context.Context, req runner.Request, s settings, python, dir string) (runner.Result, error) {
	toShimR, toShimW, err := os.Pipe()
	if err != nil {
		return failed(req, err)
	}
	fromShimR, fromShimW, err := os.Pipe()
	if err != nil {
		toShimR.Close()
		toShimW.Close()
		return failed(req, err)
	}
	defer toShimW.Close()
	defer fromShimR.Close()
	go writeStart(toShimW, req, s)
	served := make(chan outcome, 1)
	go func() { served <- serve(ctx, req, fromShimR, toShimW) }()
	p := shell.Process{
		Args: []string{python, "-u", filepath.Join(dir, shimMain)}, Env: environ(req, s, dir),
		ExtraFiles: []*os.File{toShimR, fromShimW}, Timeout: s.timeout, Output: req.Output,
	}
	o, err := p.Run(ctx)
	toShimR.Close()
	fromShimW.Close()
	if err != nil {
		return failed(req, err)
	}
	return result(o, <-served, s.timeout)
}

func failed(req runner.Request, err error) (runner.Result, error) {
	err = req.RedactError(fmt.Errorf("running %s: %w", req.Action.Ref, err))
	return runner.Failed(err), err
}

func writeStart(w *os.File, req runner.Request, s settings) {
	params := req.ActionParameters()
	_ = json.NewEncoder(w).Encode(start{ // a shim that died early reads nothing
		EntryPoint: req.Action.EntryPoint, Pack: req.Action.Pack, Config: req.Config,
		Parameters: params, User: req.RunAs(), LogLevel: s.logLevel,
	})
}
