package ssh

import (
	"time"

	"github.com/stormless/stormless/internal/runner"
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

// readSettings reads the remote runner parameters of req with StackStorm's
// defaults.
func readSettings(req runner.Request) (settings, error) {
	p := req.Params()
	s := settings{
		hosts: p.String("hosts", ""), username: p.String("username", ""), password: p.String("password", ""),
		privateKey: p.String("private_key", ""), passphrase: p.String("passphrase", ""),
		bastion: p.String("bastion_host", ""), cmd: p.String("cmd", ""), cwd: p.String("cwd", "/tmp"),
		dir: p.String("dir", "/tmp"), kwargOp: p.String("kwarg_op", "--"), sudoPassword: p.String("sudo_password", ""),
		port: int(p.Number("port", 22)), sudo: p.Bool("sudo", false), debug: p.Bool("debug", false),
		env: p.Object("env"), timeout: time.Duration(p.Number("timeout", DefaultTimeout.Seconds()) * float64(time.Second)),
	}
	return s, p.Err()
}
