// Package builtin wires Stormless's runners into one runner.Registry under
// StackStorm's runner names: noop, local-shell-cmd, local-shell-script,
// remote-shell-cmd, remote-shell-script, http-request and python-script.
// Hosts (the local runtime, the runner Lambda) call New once at start-up;
// the workflow runners register themselves on the same Registry later.
package builtin
