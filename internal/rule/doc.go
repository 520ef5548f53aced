// Package rule holds StackStorm rule criteria: their exact semantics
// (Evaluate), and their compilation to an EventBridge event pattern plus a
// residual check (Compile, Test).
//
// # Semantics
//
// Evaluate follows StackStorm's st2reactor RuleFilter and st2common
// operators:
//
//   - Criteria keys are JSONPath-like paths over "trigger" (the payload):
//     "trigger.a.b", "trigger.list[0]", "trigger.headers['X-Token']",
//     "trigger.*", "trigger.list[*]". A "#suffix" is stripped, so one field
//     can be tested twice. The first value found is used; fields do not
//     reach into lists. Keys over other roots find nothing.
//   - Operator names are case-insensitive with StackStorm's aliases (eq,
//     neq, ieq, lt, gt, td_lt, td_gt, in, nin). "search" must be spelled in
//     lower case, as StackStorm only passes its condition then.
//   - String patterns are Jinja templates (gonja) with the payload as
//     "trigger" ("item" inside search) and the datastore as
//     "st2kv.system.KEY"; a pattern with "{{ ... }}" is first rendered with
//     the expression piped through to_complex and JSON-decoded, so
//     "{{ trigger.count }}" stays a number. Undefined names fail rendering.
//     The environment is StackStorm's (package jinja: trim_blocks,
//     lstrip_blocks) with its common filters: to_complex, to_json_string, from_json_string,
//     json_escape, regex_match, regex_search, basename, dirname.
//   - Values compare as Python values: no coercion between strings and
//     numbers, but True == 1 and 1 == 1.0; "in" is substring, list
//     membership or dict key membership; "<" orders numbers, strings and
//     lists and raises across types. A null value counts as absent.
//   - A null pattern makes every operator but nequals, exists and nexists
//     false; a rule with criteria never matches an empty payload; any error
//     (a type error, a regex Python rejects, a failed render) means "no
//     match", never a failure of the whole evaluation.
//
// Python regular expressions are translated to RE2: \d, \w and \s keep
// their Unicode meaning, "$" also matches before a final newline (by
// consuming it, so "$\n" cannot match), \Z is the end of text.
// Lookarounds, backreferences, possessive quantifiers, atomic groups and
// the verbose flag have no RE2 equivalent: Compile rejects them with a
// *RegexError that says so and suggests another way.
//
// Known differences from StackStorm: timediff operators parse ISO 8601
// dates (StackStorm's dateutil accepts more spellings); "trigger.*" takes a
// dict's values in key order (Python: insertion order); inside character
// classes \D, \W and \S keep RE2's ASCII meaning; \b is ASCII; only the
// common subset of Python's "%" string formatting is supported in
// templates; a null rendered inside text prints as "" (Jinja: "None").
//
// # Compilation
//
// Compile turns a rule into an EventBridge pattern over the Stormless
// event envelope (source "stormless.<pack>", detail-type the trigger type,
// detail.trigger.parameters, detail.payload; for aws.events the whole
// event) and the residual criteria. The pattern is a sound
// over-approximation: it never drops an event StackStorm would accept.
// Only equals, inside, startswith, endswith, matchwildcard, their
// case-insensitive forms, and regexes anchored at the start (as a prefix)
// with literal patterns reach the pattern, as do the
// children of a search with condition "any" (EventBridge's array
// consistency makes one item satisfy them all); they also
// stay in the residual unless a trusted payload schema rules out arrays
// along their path, because EventBridge matches arrays element-wise where
// StackStorm compares whole values. Everything else (negations, exists,
// ordering, regexes, timediff, search, templated patterns, lists, null,
// numbers beyond EventBridge's precision) is residual only.
package rule
