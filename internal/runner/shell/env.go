package shell

import (
	"os"
	"sort"

	"github.com/stormless/stormless/internal/runner"
)

// ActionEnv returns the variables StackStorm gives every action:
// ST2_ACTION_PACK_NAME, ST2_ACTION_EXECUTION_ID, ST2_ACTION_API_URL,
// ST2_ACTION_DEBUG ("True" or "False") and, when req has one,
// ST2_ACTION_AUTH_TOKEN.
func ActionEnv(req runner.Request, debug bool) map[string]string {
	env := map[string]string{
		"ST2_ACTION_PACK_NAME":    req.Action.Pack,
		"ST2_ACTION_EXECUTION_ID": req.ExecutionID,
		"ST2_ACTION_API_URL":      req.APIURL,
		"ST2_ACTION_DEBUG":        map[bool]string{true: "True", false: "False"}[debug],
	}
	if req.AuthToken != "" {
		env["ST2_ACTION_AUTH_TOKEN"] = req.AuthToken
	}
	return env
}

// UserEnv formats the env parameter's values as strings (Python's str()
// of each value).
func UserEnv(env map[string]any) map[string]string {
	out := make(map[string]string, len(env))
	for k, v := range env {
		out[k] = runner.PyStr(v)
	}
	return out
}

// Environ is a local action's environment: this process's, then the env
// parameter, then ActionEnv, later ones winning.
func Environ(req runner.Request, env map[string]any, debug bool) []string {
	out := os.Environ()
	for _, m := range []map[string]string{UserEnv(env), ActionEnv(req, debug)} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, k+"="+m[k])
		}
	}
	return out
}
