// Package rule holds StackStorm rule criteria: their exact semantics
// (Evaluate), and their compilation to an EventBridge event pattern plus a
// residual check (Compile).
//
// Semantics follow StackStorm's st2reactor rule filter and st2common
// operators: criteria keys are JSONPath-like paths over the trigger payload
// ("trigger.body.x", with a "#suffix" to test one field twice), patterns
// are Jinja templates rendered against the payload and the datastore and
// JSON-decoded when templated, values compare as Python values (no type
// coercion; True == 1), and any evaluation error means "no match".
//
// A compiled rule's event pattern is a sound over-approximation: it never
// drops an event that StackStorm would accept. The residual criteria are
// re-checked with the exact semantics after the pattern matched.
package rule
