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
	var s settings
	var err error
	get := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	get(func() (e error) { s.cmd, e = req.String("cmd", ""); return })
	get(func() (e error) { s.cwd, e = req.String("cwd", ""); return })
	get(func() (e error) { s.kwargOp, e = req.String("kwarg_op", "--"); return })
	get(func() (e error) { s.sudoPassword, e = req.String("sudo_password", ""); return })
	get(func() (e error) { s.sudo, e = req.Bool("sudo", false); return })
	get(func() (e error) { s.debug, e = req.Bool("debug", false); return })
	get(func() (e error) { s.env, e = req.Object("env"); return })
	get(func() (e error) { s.timeout, e = Timeout(req, DefaultTimeout); return })
	return s, err
}

// Timeout reads the "timeout" parameter (seconds) of req: def when absent;
// zero or less means no timeout.
func Timeout(req runner.Request, def time.Duration) (time.Duration, error) {
	secs, err := req.Number("timeout", def.Seconds())
	if err != nil {
		return 0, err
	}
	return time.Duration(secs * float64(time.Second)), nil
}
