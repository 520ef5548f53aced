package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"syscall"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// waitDelay bounds how long output pipes are drained after the process
// exits, when a background child still holds them.
const waitDelay = 2 * time.Second

// outcome is how a process ended.
type outcome struct {
	exitCode       int
	stdout, stderr string
	timedOut       bool
	canceled       bool
}

// process is one command to run: sh -c script, with env, dir and stdin.
type process struct {
	script  string
	env     []string
	dir     string
	stdin   io.Reader
	timeout time.Duration // 0: none
	emit    runner.Output
}

// run runs p in its own process group and waits for it. On timeout or
// when ctx is done the whole group is killed with SIGKILL. The error is
// non-nil only when the process could not start.
func (p process) run(ctx context.Context) (outcome, error) {
	runCtx, cancel := withTimeout(ctx, p.timeout)
	defer cancel()
	cmd := exec.CommandContext(runCtx, "/bin/sh", "-c", p.script)
	cmd.Env, cmd.Dir, cmd.Stdin = p.env, p.dir, p.stdin
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = waitDelay
	stdout, stderr := newLineWriters(p.emit, "")
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return outcome{}, fmt.Errorf("starting /bin/sh: %w", err)
	}
	err := cmd.Wait()
	stdout.Flush()
	stderr.Flush()
	o := outcome{exitCode: exitCode(cmd, err), stdout: stdout.String(), stderr: stderr.String()}
	o.timedOut, o.canceled = ended(ctx, runCtx)
	return o, nil
}

func withTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// ended tells whether the run ended by its timeout (or the caller's
// deadline) or by the caller's cancellation.
func ended(parent, run context.Context) (timedOut, canceled bool) {
	switch {
	case errors.Is(parent.Err(), context.Canceled):
		return false, true
	case parent.Err() != nil:
		return true, false
	}
	return run.Err() != nil, false
}

// exitCode is the process's exit status as Python's subprocess reports
// it: the code, or minus the signal that killed it.
func exitCode(cmd *exec.Cmd, err error) int {
	st := cmd.ProcessState
	if st == nil {
		return -1
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return -int(ws.Signal())
	}
	return st.ExitCode()
}
