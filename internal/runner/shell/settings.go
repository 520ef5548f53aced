package shell

import (
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// settings are the runner parameters the shell runners read.
type settings struct {
	cmd, cwd, kwargOp, sudoPassword string
	sudo, debug                     bool
	env                             map[string]any
	timeout                         time.Duration
}

// readSettings reads the shell runner parameters of req, with StackStorm's
// defaults.
func readSettings(req runner.Request) (settings, error) {
	p := req.Params()
	s := settings{
		cmd: p.String("cmd", ""), cwd: p.String("cwd", ""), kwargOp: p.String("kwarg_op", "--"),
		sudoPassword: p.String("sudo_password", ""), sudo: p.Bool("sudo", false), debug: p.Bool("debug", false),
		env: p.Object("env"), timeout: seconds(p.Number("timeout", DefaultTimeout.Seconds())),
	}
	return s, p.Err()
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
