package shell

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// DefaultTimeout is the local runners' timeout when the timeout parameter
// is absent, as in StackStorm.
const DefaultTimeout = 60 * time.Second

// Local is the local-shell-cmd or local-shell-script runner. It is safe
// for concurrent use.
type Local struct {
	script bool
	sudo   bool
}

var _ runner.Runner = (*Local)(nil)

// Option configures a Local runner.
type Option func(*Local) error

// WithSudo allows actions to ask for sudo (the sudo runner parameter).
// Without it such actions fail with runner.ErrSudoRefused.
func WithSudo(allowed bool) Option { return func(l *Local) error { l.sudo = allowed; return nil } }

// NewCmd returns the local-shell-cmd runner: it runs the cmd parameter
// with /bin/sh.
func NewCmd(opts ...Option) (*Local, error) { return newLocal(false, opts) }

// NewScript returns the local-shell-script runner: it runs the action's
// entry point with the action parameters as arguments (see Args).
func NewScript(opts ...Option) (*Local, error) { return newLocal(true, opts) }

func newLocal(script bool, opts []Option) (*Local, error) {
	l := &Local{script: script}
	for _, o := range opts {
		if err := o(l); err != nil {
			return nil, fmt.Errorf("configuring local runner: %w", err)
		}
	}
	return l, nil
}

// Run implements runner.Runner. The result is StackStorm's {stdout,
// stderr, return_code, succeeded, failed}, plus "error" on timeout or
// cancellation.
func (l *Local) Run(ctx context.Context, req runner.Request) (runner.Result, error) {
	p, err := l.prepare(req)
	if err != nil {
		err = req.RedactError(fmt.Errorf("preparing %s: %w", req.Action.Ref, err))
		return runner.Failed(err), err
	}
	o, err := p.Run(ctx)
	if err != nil {
		err = fmt.Errorf("running %s: %w", req.Action.Ref, err)
		return runner.Failed(err), err
	}
	return Result(o, p.Timeout), nil
}

// prepare reads the runner parameters and builds the process.
func (l *Local) prepare(req runner.Request) (Process, error) {
	s, err := readSettings(req)
	if err != nil {
		return Process{}, err
	}
	if s.sudo && !l.sudo {
		return Process{}, runner.ErrSudoRefused
	}
	cmd, err := l.command(req, s)
	if err != nil {
		return Process{}, err
	}
	p := Process{Args: []string{"/bin/sh", "-c", cmd}, Env: Environ(req, s.env, s.debug), Dir: s.cwd, Timeout: s.timeout, Output: req.Output}
	if s.sudo && s.sudoPassword != "" {
		p.Stdin = strings.NewReader(s.sudoPassword + "\n")
	}
	return p, nil
}

// command returns the shell command line for the action.
func (l *Local) command(req runner.Request, s settings) (string, error) {
	if !l.script {
		if s.cmd == "" {
			return "", &runner.ParameterError{Name: "cmd", Reason: "missing command"}
		}
		return sudo(s, s.cmd), nil
	}
	path, err := entryPoint(req)
	if err != nil {
		return "", err
	}
	args := Args(req.ActionParameters(), req.Action.Parameters, s.kwargOp)
	if s.sudo {
		return sudo(s, path+" "+args), nil
	}
	return strings.TrimSpace(Quote(path) + " " + args), nil
}

// sudo wraps line in sudo as StackStorm does, when sudo is asked for.
func sudo(s settings, line string) string {
	if !s.sudo {
		return line
	}
	flags := "-E"
	if s.sudoPassword != "" {
		flags = "-S -E"
	}
	return "sudo " + flags + " -- bash -c " + Quote(strings.TrimSpace(line))
}

// entryPoint checks the script exists and makes it executable, as
// StackStorm does with chmod +x before running it.
func entryPoint(req runner.Request) (string, error) {
	path := req.Action.EntryPoint
	if path == "" {
		return "", fmt.Errorf("action %s has no entry_point: %w", req.Action.Ref, runner.ErrNoEntryPoint)
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return "", fmt.Errorf("script %s: %w", path, runner.ErrNoEntryPoint)
	}
	if st.Mode()&0o111 != 0o111 {
		_ = os.Chmod(path, st.Mode()|0o111) // best effort: a read-only pack still runs if already executable
	}
	return path, nil
}
