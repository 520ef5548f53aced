package ssh

import (
	"time"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

// DefaultTimeout is the remote runners' timeout when the timeout parameter
// is absent, as in StackStorm.
const DefaultTimeout = 60 * time.Second

// settings are the remote runner parameters.
type settings struct {
	hosts, username, password, privateKey, passphrase, bastion string
	cmd, cwd, dir, kwargOp, sudoPassword                       string
	port                                                       int
	sudo, debug                                                bool
	env                                                        map[string]any
	timeout                                                    time.Duration
}

func readSettings(req runner.Request) (settings, error) {
	s := settings{}
	var err error
	for _, f := range []struct {
		dst       *string
		name, def string
	}{{&s.hosts, "hosts", ""}, {&s.username, "username", ""}, {&s.password, "password", ""},
		{&s.privateKey, "private_key", ""}, {&s.passphrase, "passphrase", ""}, {&s.bastion, "bastion_host", ""},
		{&s.cmd, "cmd", ""}, {&s.cwd, "cwd", "/tmp"}, {&s.dir, "dir", "/tmp"}, {&s.kwargOp, "kwarg_op", "--"},
		{&s.sudoPassword, "sudo_password", ""}} {
		if *f.dst, err = req.String(f.name, f.def); err != nil {
			return s, err
		}
	}
	for _, f := range []struct {
		dst  *bool
		name string
	}{{&s.sudo, "sudo"}, {&s.debug, "debug"}} {
		if *f.dst, err = req.Bool(f.name, false); err != nil {
			return s, err
		}
	}
	return s, s.finish(req)
}

func (s *settings) finish(req runner.Request) error {
	port, err := req.Number("port", 22)
	if err != nil {
		return err
	}
	s.port = int(port)
	if s.env, err = req.Object("env"); err != nil {
		return err
	}
	s.timeout, err = shell.Timeout(req, DefaultTimeout)
	return err
}
