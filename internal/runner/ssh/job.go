package ssh

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/ssh"

	"github.com/stormless/stormless/internal/runner"
)

// job is one execution across its hosts.
type job struct {
	r       *Runner
	req     runner.Request
	s       settings
	targets []target
	config  *ssh.ClientConfig
	command string
	script  *upload // nil for remote-shell-cmd
}

// prepare checks the parameters and builds the job.
func (r *Runner) prepare(ctx context.Context, req runner.Request) (*job, error) {
	s, err := readSettings(req)
	if err != nil {
		return nil, err
	}
	if s.sudo && !r.sudo {
		return nil, runner.ErrSudoRefused
	}
	j := &job{r: r, req: req, s: s, targets: parseHosts(s.hosts, s.port)}
	if len(j.targets) == 0 {
		return nil, fmt.Errorf("hosts %q: %w", s.hosts, ErrNoHosts)
	}
	if j.config, err = r.clientConfig(ctx, req, s); err != nil {
		return nil, err
	}
	return j, j.buildCommand()
}

func (r *Runner) clientConfig(ctx context.Context, req runner.Request, s settings) (*ssh.ClientConfig, error) {
	auth, err := r.authMethods(ctx, req, s)
	if err != nil {
		return nil, err
	}
	user := s.username
	if user == "" {
		user = r.user
	}
	return &ssh.ClientConfig{User: user, Auth: auth, HostKeyCallback: r.hostKey, Timeout: r.connectTimeout}, nil
}

// concurrency is how many hosts run at once: all of them, up to the
// runner's maximum. StackStorm ran len/3+1 hosts at a time when parallel
// was set, and since its runner definition makes parallel an immutable
// false, one at a time in practice; each host's result is the same either
// way, only the wall-clock time differs.
func (j *job) concurrency() int {
	return max(1, min(len(j.targets), j.r.maxParallel))
}

// runAll runs the job on every host and returns the results keyed by host.
func (j *job) runAll(ctx context.Context) map[string]any {
	results := make(map[string]any, len(j.targets))
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, j.concurrency())
	for _, t := range j.targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			res := j.runHost(ctx, t)
			mu.Lock()
			results[t.name] = res
			mu.Unlock()
		}()
	}
	wg.Wait()
	return results
}

// runHost connects to t, runs the job there and returns the host's result.
func (j *job) runHost(ctx context.Context, t target) map[string]any {
	client, err := j.dial(ctx, t)
	if err != nil {
		return j.errorResult(fmt.Sprintf("Failed connecting to host %s.", t.name), err, hostOutcome{})
	}
	defer client.Close()
	if j.script != nil {
		if err := j.script.copy(ctx, client); err != nil {
			return j.errorResult("Failed copying content to remote boxes.", err, hostOutcome{})
		}
		defer j.script.cleanup(client)
	}
	o := j.exec(ctx, client, t)
	if o.err != nil {
		return j.errorResult(fmt.Sprintf(`Failed executing command "%s" on host "%s"`, j.req.Redact(j.command), t.name), o.err, o)
	}
	return hostResult(o)
}

// errorResult is StackStorm's per-host error result.
func (j *job) errorResult(msg string, err error, o hostOutcome) map[string]any {
	code := 255
	if o.timedOut {
		code = -9
	}
	text := strings.TrimSpace(j.req.Redact(msg + " " + err.Error()))
	return map[string]any{
		"failed": true, "succeeded": false, "timeout": o.timedOut, "return_code": code,
		"stdout": o.stdout, "stderr": o.stderr, "error": text, "traceback": "",
	}
}
