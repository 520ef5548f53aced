package ssh

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

// hostOutcome is how the command ended on one host.
type hostOutcome struct {
	code           int
	stdout, stderr string
	timedOut       bool
	canceled       bool
	err            error // the command could not run to its end
}

// exec runs j.command on client, streaming its output, until it ends,
// times out or ctx is done.
func (j *job) exec(ctx context.Context, client *ssh.Client, t target) hostOutcome {
	sess, err := client.NewSession()
	if err != nil {
		return hostOutcome{err: fmt.Errorf("opening session: %w", err)}
	}
	defer sess.Close()
	stdout, stderr := shell.OutputWriters(j.req.Output, t.name)
	sess.Stdout, sess.Stderr = stdout, stderr
	if j.s.sudo && j.s.sudoPassword != "" {
		sess.Stdin = strings.NewReader(j.s.sudoPassword + "\n")
	}
	if err := sess.Start(j.command); err != nil {
		return hostOutcome{err: fmt.Errorf("starting command: %w", err)}
	}
	o := wait(ctx, sess, j.s.timeout)
	stdout.Flush()
	stderr.Flush()
	o.stdout, o.stderr = stdout.String(), stderr.String()
	return o
}

// wait waits for sess to end; on timeout or cancellation it signals the
// command and closes the session.
func wait(ctx context.Context, sess *ssh.Session, timeout time.Duration) hostOutcome {
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	var expired <-chan time.Time
	if timeout > 0 {
		tm := time.NewTimer(timeout)
		defer tm.Stop()
		expired = tm.C
	}
	select {
	case err := <-done:
		return exitOutcome(err)
	case <-expired:
		stop(sess, done)
		return hostOutcome{code: -9, timedOut: true, err: fmt.Errorf("Command didn't finish in %s seconds", runner.PyNumber(timeout.Seconds()))} //nolint:staticcheck // StackStorm's text
	case <-ctx.Done():
		stop(sess, done)
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return hostOutcome{code: -9, timedOut: true, err: ctx.Err()}
		}
		return hostOutcome{code: -9, canceled: true, err: ctx.Err()}
	}
}

func stop(sess *ssh.Session, done <-chan error) {
	_ = sess.Signal(ssh.SIGKILL)
	sess.Close()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
}

// exitOutcome reads the command's exit status from Wait's error.
func exitOutcome(err error) hostOutcome {
	var exit *ssh.ExitError
	switch {
	case err == nil:
		return hostOutcome{code: 0}
	case errors.As(err, &exit):
		if exit.Signal() != "" && exit.ExitStatus() == 0 {
			return hostOutcome{code: -1}
		}
		return hostOutcome{code: exit.ExitStatus()}
	}
	return hostOutcome{err: fmt.Errorf("waiting for command: %w", err)}
}
