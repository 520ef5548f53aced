// Package jsonata evaluates JSONata expressions for the Amazon States
// Language's JSONata query language (QueryLanguage "JSONata"), as AWS Step
// Functions does: the "{% expr %}" template strings, $states and the
// workflow's variables, and the functions Step Functions adds: $partition,
// $range, $hash, $random (with an optional seed), $uuid and $parse.
//
// It wraps github.com/blues/jsonata-go (a Go port of jsonata-js 1.5.4)
// behind Compile and (*Expr).Eval. github.com/xiatechs/jsonata-go, a fork
// of it, was rejected: it rewrites expressions with regular expressions
// before parsing, which corrupts string literals ('Hello Mr.' & name, and
// any literal holding "/*"), and computes 1/3 with float32 precision.
//
// Values are Go's encoding/json generic form: map[string]any, []any,
// string, float64, bool and nil. JSONata's "undefined" is not a value: Eval
// reports it as an *UndefinedError (errors.Is(err, ErrUndefined)), distinct
// from null.
//
// No input makes it panic or overflow the Go stack (a fatal error in Go):
// expressions are limited to 32 KiB, and lambdas are rewritten to count
// their nesting, failing with U1001 past 1,000 levels, as jsonata-js fails
// on a runaway recursion. Panics of the library are recovered as *Error.
//
// Compiled expressions are cached, immutable and safe for concurrent use;
// each evaluation binds its variables in its own scope. Nothing here
// registers anything in the library's global registry, and nothing else in
// the program may (jsonata-go's package-level RegisterExts/RegisterVars
// would make evaluations share state).
//
// # Errors
//
// Every error implements interface{ ASLError() (name, cause string) } with
// the name "States.QueryEvaluationError": *UndefinedError, *Error (an
// evaluation failure, with JSONata 2.x's error code where the library's
// error maps to one, e.g. "T1006: Attempted to invoke a non-function"),
// *UnsupportedResultError (a function as the result) and *SyntaxError.
// Their texts follow AWS's causes without the field name, which the
// interpreter inserts.
//
// # Known gaps against JSONata 2.x
//
// See GAPS.md beside this file: found by comparing with jsonata-js 2.2.2
// (TestOracle, run when STORMLESS_JSONATA_ORACLE names a node_modules
// directory holding jsonata).
package jsonata
