package python

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

// settings are the python-script runner parameters.
type settings struct {
	env      map[string]any
	timeout  time.Duration
	logLevel string
	debug    bool
}

func readSettings(req runner.Request) (settings, error) {
	p := req.Params()
	s := settings{
		env: p.Object("env"), logLevel: p.String("log_level", "DEBUG"), debug: p.Bool("debug", false),
		timeout: time.Duration(p.Number("timeout", DefaultTimeout.Seconds()) * float64(time.Second)),
	}
	return s, p.Err()
}

// environ is the shim's environment: this process's, PYTHONPATH with the
// shim and the pack's actions/lib first, the env parameter (PYTHONPATH
// excepted, as in StackStorm), then StackStorm's action variables.
func environ(req runner.Request, s settings, shimDir string) []string {
	path := []string{shimDir}
	if req.Action.PackDir != "" {
		path = append(path, filepath.Join(req.Action.PackDir, "actions", "lib"))
	}
	if old := os.Getenv("PYTHONPATH"); old != "" {
		path = append(path, old)
	}
	vars := actionVars(req, s)
	vars["PYTHONPATH"] = strings.Join(path, string(os.PathListSeparator))
	return append(os.Environ(), sorted(vars)...)
}

// actionVars are the variables an action gets on top of its host's
// environment: the env parameter (PYTHONPATH excepted, as in StackStorm),
// then StackStorm's action variables. PYTHONPATH is the host's to build.
func actionVars(req runner.Request, s settings) map[string]string {
	vars := map[string]string{}
	for k, v := range shell.UserEnv(s.env) {
		if !strings.EqualFold(k, "PYTHONPATH") {
			vars[k] = v
		}
	}
	for k, v := range shell.ActionEnv(req, s.debug) {
		vars[k] = v
	}
	vars["ST2_API_URL"] = req.APIURL
	if req.AuthToken != "" {
		vars["ST2_AUTH_TOKEN"] = req.AuthToken
	}
	return vars
}

func sorted(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}
