// Package shell runs local shell actions: the local-shell-cmd and
// local-shell-script runners. It also holds what the remote runners share
// with them: script arguments built exactly as StackStorm builds them
// (Args), POSIX shell quoting (Quote) and StackStorm's shell result shape.
//
// Commands run through /bin/sh -c in their own process group, with the
// environment of the Stormless process plus the action's env parameter
// and StackStorm's ST2_ACTION_* variables. A timeout kills the whole
// group and yields return_code -9 and status timeout.
package shell
