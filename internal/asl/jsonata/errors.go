package jsonata

import (
	"errors"
	"fmt"
)

// ErrUndefined is returned (wrapped in an *UndefinedError) when an
// expression yields nothing, JSONata's "undefined", as opposed to null.
var ErrUndefined = errors.New("the expression returned nothing (undefined)")

// UndefinedError reports that Expr yielded undefined. It matches
// ErrUndefined with errors.Is.
type UndefinedError struct {
	Expr string
}

// Error returns AWS's wording.
func (e *UndefinedError) Error() string {
	return fmt.Sprintf("The JSONata expression '%s' returned nothing (undefined).", e.Expr)
}

// Is reports whether target is ErrUndefined.
func (e *UndefinedError) Is(target error) bool { return target == ErrUndefined }

// ASLError returns "States.QueryEvaluationError" and Error's text; the
// interpreter names the field: "The JSONata expression '<expr>' specified
// for the field '<field>' returned nothing (undefined)."
func (e *UndefinedError) ASLError() (name, cause string) {
	return "States.QueryEvaluationError", e.Error()
}

// Error reports an expression that failed to evaluate, or returned a value
// that is not JSON (a function). Code is JSONata's error code where one is
// known ("T1006", "D3137", ...), else ""; Message is JSONata's message.
type Error struct {
	Expr    string
	Code    string
	Message string
}

// Detail returns "<Code>: <Message>", or Message when there is no code,
// the text AWS appends to its cause.
func (e *Error) Detail() string {
	if e.Code == "" {
		return e.Message
	}
	return e.Code + ": " + e.Message
}

// Error returns AWS's wording without the field.
func (e *Error) Error() string {
	return fmt.Sprintf("The JSONata expression '%s' threw an error during evaluation. %s", e.Expr, e.Detail())
}

// ASLError returns "States.QueryEvaluationError" and Error's text; the
// interpreter names the field: "The JSONata expression '<expr>' specified
// for the field '<field>' threw an error during evaluation. <Detail>".
func (e *Error) ASLError() (name, cause string) {
	return "States.QueryEvaluationError", e.Error()
}

// UnsupportedResultError reports an expression whose result is not JSON,
// such as a function.
type UnsupportedResultError struct {
	Expr string
}

// Error returns AWS's wording without the field.
func (e *UnsupportedResultError) Error() string {
	return fmt.Sprintf("The JSONata expression '%s' returned an unsupported result type.", e.Expr)
}

// ASLError returns "States.QueryEvaluationError" and Error's text.
func (e *UnsupportedResultError) ASLError() (name, cause string) {
	return "States.QueryEvaluationError", e.Error()
}

// SyntaxError reports an expression that does not parse. Position is the
// byte offset JSONata reports.
type SyntaxError struct {
	Expr     string
	Code     string
	Message  string
	Position int
}

// Error returns the expression and JSONata's message.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("The JSONata expression '%s' is invalid: %s: %s (at position %d)", e.Expr, e.Code, e.Message, e.Position)
}

// ASLError returns "States.QueryEvaluationError" and Error's text. Step
// Functions rejects such a definition; the validator reports it.
func (e *SyntaxError) ASLError() (name, cause string) {
	return "States.QueryEvaluationError", e.Error()
}
