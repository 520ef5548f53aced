package path

import (
	"encoding/json"
	"fmt"
)

// SyntaxError reports a path that does not parse, or that uses syntax not
// allowed where it appears (e.g. a wildcard in a reference path). Offset is
// the byte offset in Path where the problem was found.
type SyntaxError struct {
	Path   string
	Offset int
	Msg    string
}

// Error returns the path, the offset and what is wrong.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid path %q at offset %d: %s", e.Path, e.Offset, e.Msg)
}

// ASLError returns "States.Runtime" and a cause naming the path.
func (e *SyntaxError) ASLError() (name, cause string) {
	return "States.Runtime", fmt.Sprintf("Invalid path '%s' : %s", e.Path, e.Msg)
}

// NotFoundError reports that a definite path selects nothing in a document.
// Detail is Jayway's wording, e.g. "No results for path: $['a']['b']" or
// "Missing property in path $['a']".
type NotFoundError struct {
	Path   string
	Detail string
}

// Error returns AWS's wording: "Invalid path '<Path>' : <Detail>".
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("Invalid path '%s' : %s", e.Path, e.Detail)
}

// ASLError returns "States.Runtime" and Error's text, the cause AWS gives for
// InputPath, OutputPath and ItemsPath. For Parameters, ResultSelector and
// the *Path fields the interpreter words its own cause.
func (e *NotFoundError) ASLError() (name, cause string) {
	return "States.Runtime", e.Error()
}

// ResultPathMatchFailureError reports that Reference.Set cannot place a value
// in a document: a step crosses a value that is not an object (or an array
// for an index step), an index is out of range, or the reference is not
// rooted at the input ("$").
type ResultPathMatchFailureError struct {
	Path  string
	Input any
}

// Error returns AWS's wording:
// `Unable to apply ReferencePath $.a to input "<input as JSON>"`.
func (e *ResultPathMatchFailureError) Error() string {
	doc, err := json.Marshal(e.Input)
	if err != nil {
		doc = []byte(fmt.Sprint(e.Input))
	}
	quoted, _ := json.Marshal(string(doc))
	return fmt.Sprintf("Unable to apply ReferencePath %s to input %s", e.Path, quoted)
}

// ASLError returns "States.ResultPathMatchFailure" and Error's text.
func (e *ResultPathMatchFailureError) ASLError() (name, cause string) {
	return "States.ResultPathMatchFailure", e.Error()
}
