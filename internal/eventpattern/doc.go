// Package eventpattern parses, validates and matches Amazon EventBridge event
// patterns with EventBridge's documented semantics, so that what matches
// locally matches on AWS.
//
// Parse turns pattern JSON into a *Pattern, rejecting what EventBridge
// rejects with an *Error naming the JSON path. A Pattern matches one event
// at a time with a small tree-walking reference matcher (Pattern.Match).
// A Matcher compiles many patterns into one automaton keyed by field and
// value, so the cost of matching an event does not grow with the number of
// patterns; it is the engine the local event bus uses. The two are fuzzed
// against each other.
//
// Semantics:
//   - every field named in a pattern must match (AND); the values listed
//     for a field are alternatives (OR);
//   - a field whose event value is an array matches when any element
//     matches; fields inside objects that are elements of one array must be
//     satisfied by the same element ("array consistency");
//   - "$or" with two or more objects, none using a filter name as a key,
//     makes alternatives of sub-patterns at any level; otherwise "$or" is
//     an ordinary field name (EventBridge's backward compatibility rule);
//   - null, "" and a missing field all differ; exists:true matches any
//     scalar, null included, and never an object or an empty array;
//   - exists:false holds when the event has no scalar at that path anywhere
//     (as event-ruler checks absence, regardless of array elements);
//   - numbers compare by value at EventBridge's precision: six decimal
//     places within ±5e9; numeric filters match only numbers in that range;
//   - prefix, suffix, equals-ignore-case, wildcard and cidr match strings
//     only; anything-but of strings or numbers matches any other value
//     (including other types), its prefix, suffix, equals-ignore-case and
//     wildcard forms match only strings; anything-but never matches a
//     missing field;
//   - in events, a duplicate key's last occurrence wins, as with
//     encoding/json.
//
// Limits: a pattern has at most DefaultMaxPatternSize characters (see
// WithMaxPatternSize), and its $or operators may expand to at most 1024
// alternatives.
package eventpattern
