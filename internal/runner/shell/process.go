package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// waitDelay bounds how long output pipes are drained after the process
// exits, when a background child still holds them.
const waitDelay = 2 * time.Second

// Outcome is how a Process ended.
type Outcome struct {
	// ExitCode is the exit status as Python's subprocess reports it: the
	// code, or minus the signal that killed the process.
	ExitCode       int
	Stdout, Stderr string
	// TimedOut is set when Timeout or the caller's deadline ended the
	// process, Canceled when the caller's context was cancelled.
	TimedOut, Canceled bool
}

// Process is one local command to run.
type Process struct {
	// Args is the command line; Args[0] is looked up in PATH.
	Args       []string
	Env        []string
	Dir        string
	Stdin      io.Reader
	ExtraFiles []*os.File
	// Timeout kills the process after that long; zero means none.
	Timeout time.Duration
	// Output receives stdout and stderr line by line; nil discards them.
	Output runner.Output
}

// Run runs p in its own process group and waits for it; the output is
// streamed to p.Output and kept in the Outcome. On timeout or when ctx is
// done the whole group is killed with SIGKILL. The error is non-nil only
// when the process could not start.
func (p Process) Run(ctx context.Context) (Outcome, error) {
	if err := ctx.Err(); err != nil { // nothing to start
		return Outcome{ExitCode: -9, TimedOut: !errors.Is(err, context.Canceled), Canceled: errors.Is(err, context.Canceled)}, nil
	}
	runCtx, cancel := withTimeout(ctx, p.Timeout)
	defer cancel()
	cmd := exec.CommandContext(runCtx, p.Args[0], p.Args[1:]...)
	cmd.Env, cmd.Dir, cmd.Stdin, cmd.ExtraFiles = p.Env, p.Dir, p.Stdin, p.ExtraFiles
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = waitDelay
	stdout, stderr := OutputWriters(p.Output, "")
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return Outcome{}, fmt.Errorf("starting %s: %w", p.Args[0], err)
	}
	err := cmd.Wait()
	stdout.Flush()
	stderr.Flush()
	o := Outcome{ExitCode: exitCode(cmd), Stdout: stdout.String(), Stderr: stderr.String()}
	o.TimedOut, o.Canceled = ended(ctx, runCtx, err)
	return o, nil
}

func withTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// ended tells whether the run was ended by its timeout (or the caller's
// deadline) or by the caller's cancellation; a process that exited on its
// own before either is neither.
func ended(parent, run context.Context, waitErr error) (timedOut, canceled bool) {
	if waitErr == nil || run.Err() == nil {
		return false, false
	}
	switch {
	case errors.Is(parent.Err(), context.Canceled):
		return false, true
	case parent.Err() != nil:
		return true, false
	}
	return true, false
}

// exitCode is the process's exit status as Python's subprocess reports
// it: the code, or minus the signal that killed it.
func exitCode(cmd *exec.Cmd) int {
	st := cmd.ProcessState
	if st == nil {
		return -1
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return -int(ws.Signal())
	}
	return st.ExitCode()
}
