// Package eventpattern parses, validates and matches Amazon EventBridge event
// patterns with EventBridge's documented semantics, so that what matches
// locally matches on AWS.
//
// Parse turns pattern JSON into a *Pattern, rejecting what EventBridge
// rejects with an *Error naming the JSON path. A Pattern matches one event
// at a time with a small tree-walking reference matcher (Pattern.Match).
// A Matcher compiles many patterns into one automaton keyed by field and
// value, so the cost of matching an event does not grow with the number of
// patterns; it is the engine the local event bus uses.
//
// Semantics, in short: every field named in a pattern must match (AND); the
// values listed for a field are alternatives (OR); a field whose event value
// is an array matches when any element matches; fields inside objects that
// are elements of one array must be satisfied by the same element ("array
// consistency"); $or makes alternatives of sub-patterns; exists:false is
// satisfied when the event holds no value anywhere at that path; numbers
// compare by value within EventBridge's precision (six decimal places,
// magnitude up to 5e9).
package eventpattern
