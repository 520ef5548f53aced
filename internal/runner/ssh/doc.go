// Package ssh is the remote-shell-cmd and remote-shell-script runners: a
// command, or a script copied over, run over SSH on every host of the
// comma-separated hosts parameter, with StackStorm's parameters (username,
// password, private_key as key material or a file path, passphrase, port,
// bastion_host, cwd, dir, env, kwarg_op, parallel, sudo, timeout).
//
// The result is keyed by host name, each value StackStorm's
// {stdout, stderr, return_code, succeeded, failed}, or for a host that
// could not be reached or timed out {failed, succeeded, timeout,
// return_code (255, or -9 on timeout), stdout, stderr, error, traceback}.
// The execution succeeds when every host did (or, WithPartialFailure, when
// one did) and times out when the first failing host timed out, as in
// StackStorm.
//
// Hosts run in parallel (up to WithMaxParallel at once), whatever the
// parallel parameter says; see job.concurrency.
//
// Like StackStorm (paramiko's AutoAddPolicy), host keys are accepted
// without checking unless WithHostKeyCallback says otherwise.
package ssh
