package schema

import (
	"errors"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// ValidationError is a value that does not match a schema, as Validate
// returns it. Its Error is one line naming every violation.
type ValidationError struct {
	// Violations are the innermost causes, in the validator's order.
	Violations []Violation
	msg        string
}

// Violation is one way a value breaks a schema.
type Violation struct {
	// Path is the location of the value at fault as JSON pointer
	// segments; empty for the value itself.
	Path []string
	// Missing names, sorted, the properties a "required" keyword wants
	// and the object at Path lacks; nil for other violations.
	Missing []string
	// Message says what is wrong, e.g. "got string, want integer". It may
	// quote the value at fault.
	Message string
}

// Error returns the violations on one line.
func (e *ValidationError) Error() string { return e.msg }

// printer renders violations in English.
var printer = message.NewPrinter(language.English)

// validationError converts the validator's error; other errors come back
// flattened to one line.
func validationError(err error) error {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return errors.New(flatten(err))
	}
	return &ValidationError{Violations: leaves(ve, nil), msg: flatten(err)}
}

// leaves appends the innermost causes of ve to out, depth first.
func leaves(ve *jsonschema.ValidationError, out []Violation) []Violation {
	if len(ve.Causes) == 0 {
		v := Violation{Path: ve.InstanceLocation, Message: ve.ErrorKind.LocalizedString(printer)}
		if req, ok := ve.ErrorKind.(*kind.Required); ok {
			v.Missing = slices.Sorted(slices.Values(req.Missing))
		}
		return append(out, v)
	}
	for _, c := range ve.Causes {
		out = leaves(c, out)
	}
	return out
}
