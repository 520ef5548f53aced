// Package runner runs StackStorm actions: the Runner port, the request a
// runner receives (the action, its rendered parameters, the pack config, an
// output sink and a datastore), the result it returns in StackStorm's shape,
// and a Registry that finds a runner by StackStorm's runner name or alias.
//
// Runners for each technology live in sub-packages: shell (local-shell-cmd,
// local-shell-script), ssh (remote-shell-cmd, remote-shell-script),
// httprunner (http-request) and python (python-script). The noop runner is
// here. Workflow runners (orquesta, action-chain) and inquirer plug into the
// same interface.
//
// A runner never lets a problem with the action itself (a command that
// does not exist, a timeout, bad parameters, a Python action that raises)
// escape as a panic or leave the caller without a result: Run always
// returns a Result with a final Status, and a non-nil error only explains
// a failed one.
package runner
