package ssh

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/shell"
)

// buildCommand builds the command line run on every host, as StackStorm's
// paramiko actions do: "export K=V ... && cd CWD && COMMAND", wrapped in
// sudo when asked.
func (j *job) buildCommand() error {
	body, err := j.body()
	if err != nil {
		return err
	}
	line := "cd " + j.cwd() + " && " + body
	if env := j.exports(); env != "" {
		line = env + " && " + line
	}
	if j.s.sudo {
		flags := "-E"
		if j.s.sudoPassword != "" {
			flags = "-S -E"
		}
		line = "sudo " + flags + " -- bash -c " + shell.Quote(line)
	}
	j.command = line
	return nil
}

// cwd is the working directory as written in the command: quoted for
// scripts, as is for commands, as in StackStorm.
func (j *job) cwd() string {
	if j.r.script {
		return shell.Quote(j.s.cwd)
	}
	return j.s.cwd
}

// body is the command proper: cmd, or the uploaded script with its
// arguments.
func (j *job) body() (string, error) {
	if !j.r.script {
		if j.s.cmd == "" {
			return "", fmt.Errorf("parameter \"cmd\": missing command")
		}
		return j.s.cmd, nil
	}
	if j.req.Action.EntryPoint == "" {
		return "", fmt.Errorf("action %s is missing entry_point: %w", j.req.Action.Ref, runner.ErrNoEntryPoint)
	}
	dir := path.Join(j.s.dir, j.req.ExecutionID)
	j.script = &upload{dir: dir, local: j.req.Action.EntryPoint, libs: filepath.Join(filepath.Dir(j.req.Action.EntryPoint), "lib")}
	line := shell.Quote(path.Join(dir, filepath.Base(j.req.Action.EntryPoint)))
	if args := shell.Args(j.req.ActionParameters(), j.req.Action.Parameters, j.s.kwargOp); args != "" {
		line += " " + args
	}
	return line, nil
}

// exports is "export K=V ..." for the env parameter and StackStorm's
// action variables, each quoted; empty when there are none.
func (j *job) exports() string {
	var parts []string
	for _, m := range []map[string]string{shell.UserEnv(j.s.env), shell.ActionEnv(j.req, j.s.debug)} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			parts = append(parts, shell.Quote(k)+"="+shell.Quote(m[k]))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "export " + strings.Join(parts, " ")
}
