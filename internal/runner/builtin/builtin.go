package builtin

import (
	"fmt"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/httprunner"
	"github.com/stormless/stormless/internal/runner/python"
	"github.com/stormless/stormless/internal/runner/shell"
	"github.com/stormless/stormless/internal/runner/ssh"
)

// Names are the runner names New registers.
var Names = []string{
	"noop", "local-shell-cmd", "local-shell-script", "remote-shell-cmd", "remote-shell-script",
	"http-request", "python-script",
}

// config is what the options set.
type config struct {
	local  []shell.Option
	remote []ssh.Option
	http   []httprunner.Option
	python []python.Option
}

// Option configures New.
type Option func(*config)

// WithLocal passes options to the local shell runners.
func WithLocal(opts ...shell.Option) Option {
	return func(c *config) { c.local = append(c.local, opts...) }
}

// WithRemote passes options to the SSH runners.
func WithRemote(opts ...ssh.Option) Option {
	return func(c *config) { c.remote = append(c.remote, opts...) }
}

// WithHTTP passes options to the http-request runner.
func WithHTTP(opts ...httprunner.Option) Option {
	return func(c *config) { c.http = append(c.http, opts...) }
}

// WithPython passes options to the python-script runner.
func WithPython(opts ...python.Option) Option {
	return func(c *config) { c.python = append(c.python, opts...) }
}

// New returns a Registry holding every built-in runner, configured by
// opts. It fails only when an option is invalid.
func New(opts ...Option) (*runner.Registry, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	g := runner.NewRegistry()
	g.Register("noop", runner.Noop)
	for _, r := range []struct {
		name string
		make func() (runner.Runner, error)
	}{
		{"local-shell-cmd", func() (runner.Runner, error) { return shell.NewCmd(c.local...) }},
		{"local-shell-script", func() (runner.Runner, error) { return shell.NewScript(c.local...) }},
		{"remote-shell-cmd", func() (runner.Runner, error) { return ssh.NewCmd(c.remote...) }},
		{"remote-shell-script", func() (runner.Runner, error) { return ssh.NewScript(c.remote...) }},
		{"http-request", func() (runner.Runner, error) { return httprunner.New(c.http...) }},
		{"python-script", func() (runner.Runner, error) { return python.New(c.python...) }},
	} {
		rn, err := r.make()
		if err != nil {
			return nil, fmt.Errorf("creating the %s runner: %w", r.name, err)
		}
		g.Register(r.name, rn)
	}
	return g, nil
}
