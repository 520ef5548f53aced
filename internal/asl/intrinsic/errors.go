package intrinsic

import "fmt"

// SyntaxError reports an expression that is not a valid intrinsic call:
// bad syntax, an unknown function, the wrong number of arguments, a string
// escape Step Functions rejects, more than 10 nested calls. Offset is the
// byte offset in Expr where the problem was found.
type SyntaxError struct {
	Expr   string
	Offset int
	Msg    string
}

// Error returns the expression, the offset and what is wrong.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid intrinsic function %q at offset %d: %s", e.Expr, e.Offset, e.Msg)
}

// ASLError returns "States.Runtime" and the message.
func (e *SyntaxError) ASLError() (name, cause string) {
	return "States.Runtime", fmt.Sprintf("The intrinsic function '%s' is invalid: %s", e.Expr, e.Msg)
}

// Error reports a call that failed at run time: an argument of the wrong
// type or out of range, a string too long, JSON that does not parse.
// Function is the function's name, e.g. "States.ArrayGetItem".
type Error struct {
	Function string
	Msg      string
}

// Error returns the function and what went wrong.
func (e *Error) Error() string {
	return fmt.Sprintf("evaluating %s: %s", e.Function, e.Msg)
}

// ASLError returns "States.IntrinsicFailure" and a cause naming the
// function.
func (e *Error) ASLError() (name, cause string) {
	return "States.IntrinsicFailure", fmt.Sprintf("Invalid arguments in %s: %s", e.Function, e.Msg)
}

// failf returns an *Error for the function fn.
func failf(fn string, format string, args ...any) error {
	return &Error{Function: fn, Msg: fmt.Sprintf(format, args...)}
}
