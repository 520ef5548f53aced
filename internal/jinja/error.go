package jinja

import (
	"errors"
	"strings"
)

// ErrUndefined is matched (with errors.Is) by an *Error whose template
// names a variable that is not defined.
var ErrUndefined = errors.New("undefined name")

// Error is a template that failed to parse or render: Template is its
// source and Err the cause. Its message is the cause's.
type Error struct {
	Template string
	Err      error
}

// Error returns the cause's message.
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is ErrUndefined and the template failed on an
// undefined name.
func (e *Error) Is(target error) bool {
	return target == ErrUndefined && strings.Contains(e.Err.Error(), "Unable to evaluate name")
}
