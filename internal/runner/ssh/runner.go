package ssh

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/runner"
)

// ErrNoHosts is returned (wrapped) when the hosts parameter names no host.
var ErrNoHosts = errors.New("no hosts specified")

// Runner is the remote-shell-cmd or remote-shell-script runner. It is safe
// for concurrent use.
type Runner struct {
	script         bool
	sudo           bool
	partial        bool
	user           string
	keyFile        string
	keyScope       datastore.Scope
	keyName        string
	hostKey        ssh.HostKeyCallback
	connectTimeout time.Duration
	maxParallel    int
}

var _ runner.Runner = (*Runner)(nil)

// Option configures a Runner.
type Option func(*Runner) error

// WithSudo allows actions to ask for sudo.
func WithSudo(allowed bool) Option { return func(r *Runner) error { r.sudo = allowed; return nil } }

// WithPartialFailure makes an execution succeed when any host succeeded
// (StackStorm's ssh_runner.allow_partial_failure).
func WithPartialFailure(allowed bool) Option {
	return func(r *Runner) error { r.partial = allowed; return nil }
}

// WithDefaultUser is the username when the action gives none (default
// runner.DefaultUser).
func WithDefaultUser(name string) Option { return func(r *Runner) error { r.user = name; return nil } }

// WithDefaultKeyFile is the private key file used when the action gives
// neither a password nor a private key (StackStorm's ssh_key_file).
func WithDefaultKeyFile(path string) Option {
	return func(r *Runner) error { r.keyFile = path; return nil }
}

// WithDefaultKeyFromDatastore reads the default private key from the
// datastore item name in scope (decrypted; a user-scoped item is the
// execution's user's) when the action gives no credentials and there is
// no default key file.
func WithDefaultKeyFromDatastore(scope datastore.Scope, name string) Option {
	return func(r *Runner) error { r.keyScope, r.keyName = scope, name; return nil }
}

// WithHostKeyCallback checks host keys (default: accept any, as
// StackStorm's paramiko AutoAddPolicy does).
func WithHostKeyCallback(cb ssh.HostKeyCallback) Option {
	return func(r *Runner) error { r.hostKey = cb; return nil }
}

// WithMaxParallel caps how many hosts run at once (default 10).
func WithMaxParallel(n int) Option {
	return func(r *Runner) error {
		if n < 1 {
			return fmt.Errorf("max parallel %d: want at least 1", n)
		}
		r.maxParallel = n
		return nil
	}
}

// NewCmd returns the remote-shell-cmd runner.
func NewCmd(opts ...Option) (*Runner, error) { return newRunner(false, opts) }

// NewScript returns the remote-shell-script runner.
func NewScript(opts ...Option) (*Runner, error) { return newRunner(true, opts) }

func newRunner(script bool, opts []Option) (*Runner, error) {
	r := &Runner{script: script, user: runner.DefaultUser, hostKey: ssh.InsecureIgnoreHostKey(), //nolint:gosec // StackStorm's AutoAddPolicy
		connectTimeout: 30 * time.Second, maxParallel: 10}
	for _, o := range opts {
		if err := o(r); err != nil {
			return nil, fmt.Errorf("configuring remote runner: %w", err)
		}
	}
	return r, nil
}

// Run implements runner.Runner.
func (r *Runner) Run(ctx context.Context, req runner.Request) (runner.Result, error) {
	j, err := r.prepare(ctx, req)
	if err != nil {
		err = req.RedactError(fmt.Errorf("preparing %s: %w", req.Action.Ref, err))
		return runner.Failed(err), err
	}
	results := j.runAll(ctx)
	return runner.Result{Status: r.status(ctx, results, j.targets), Result: results}, nil
}
