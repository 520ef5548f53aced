// Package path implements the paths of the Amazon States Language in its
// JSONPath query language: reference paths (ResultPath, and the single-node
// paths of InputPath, OutputPath, Choice Variable, ...) and full JSONPath
// queries (InputPath, OutputPath, Parameters "key.$", ItemsPath, Choice
// Variable), faithful to AWS Step Functions, which evaluates them with
// Jayway JsonPath.
//
// Documents are Go's encoding/json generic form: map[string]any, []any,
// string, float64, bool and nil. Nothing here mutates a document it is given;
// Reference.Set copies the objects along the path it writes.
//
// # Roots
//
// A path starts at one of three roots: "$" (the state's input, or whatever
// document the caller applies it to), "$$" (the context object) and "$name"
// (a workflow variable, JSONPath mode). Parsing records the root (Root,
// Variable); evaluation always applies the rest of the path to the document
// the caller passes, so the interpreter picks the input, the context object
// or the variable's value.
//
// # Definite and indefinite paths
//
// A definite path (only .name, ['name'] and [n] steps) yields one value, or a
// *NotFoundError when it does not exist. An indefinite path (wildcards *,
// deep scan .., filters [?(...)], slices [a:b], unions [a,b]) yields a list,
// possibly empty, never a not-found error: AWS returns [] for $.missing[*]
// on {}. "$.[" reads as "$[", as in Jayway. Definite paths are evaluated by
// this package directly; indefinite ones by github.com/PaesslerAG/jsonpath,
// whose filter operators are made strict (numbers compare with numbers,
// strings with strings, anything else is false) and whose single-quoted
// strings are accepted. Jayway's named operators (in, nin, subsetof,
// anyof, noneof, size, empty) and =~ /regex/flags (flags i, m, s; the
// expression must match the whole string, as in Jayway; Go's RE2 syntax)
// are added. Functions (.length(), .max() ...) are not supported.
//
// Go maps do not keep the order of a document's keys, while Jayway returns
// an object's members in document order; PaesslerAG returns them in Go's
// random map order, differing from run to run. This package asks
// PaesslerAG for each match's keys (its placeholder extension) and orders
// indefinite results deterministically: object members by key (keys that are both
// integers compare numerically), array elements by index, a deep scan in
// pre-order (a node before its descendants). Where AWS returns members in
// document order and the keys were not sorted in the document, results
// differ in order only.
//
// # Errors
//
// Every error this package returns implements
//
//	interface{ ASLError() (name, cause string) }
//
// so the interpreter can map it to a Step Functions error: *NotFoundError
// ("States.Runtime"; the interpreter renames it States.ParameterPathFailure
// or rewords the cause where the field demands), *ResultPathMatchFailureError
// ("States.ResultPathMatchFailure") and *SyntaxError ("States.Runtime"; an
// invalid path is normally rejected when the definition is validated).
//
// Compiled paths and references are immutable and safe for concurrent use.
package path
