package main

// exitCoder is an error that asks main for a specific exit status.
type exitCoder interface {
	error
	ExitCode() int
}

// exitError carries an exit status; an empty message prints nothing, for
// commands that already wrote their report.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// ExitCode returns the process exit status.
func (e *exitError) ExitCode() int { return e.code }

// exitWith returns an error that makes main exit with code after printing
// msg (if not empty) on stderr.
func exitWith(code int, msg string) error { return &exitError{code: code, msg: msg} }
