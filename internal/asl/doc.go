// Package asl holds the Amazon States Language model: it parses state
// machine definitions (JSON, or JSON with comments and trailing commas for
// test data) into a typed StateMachine and validates them the way AWS Step
// Functions does, reporting every problem at once, each with the JSON
// pointer of the offending field (for example /States/Foo/Retry/0/ErrorEquals).
//
// The interpreter lives in asl/interp; the query-language leaf libraries in
// asl/path, asl/intrinsic and asl/jsonata.
package asl
