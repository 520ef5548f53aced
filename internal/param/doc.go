// Package param turns the parameters a rule, a user or a workflow task gives
// an action into the parameters its runner receives, as StackStorm does:
// immutable parameters may not be overridden, Jinja templates are rendered
// ({{ trigger.x }}, {{ st2kv.system.k }}, {{ st2kv.user.k | decrypt_kv }},
// {{ config_context.k }}, {{ action_context.x }}, and other parameters by
// name in defaults such as core.echo's 'echo "{{message}}"'), defaults are
// filled in, values are cast to their declared type (the string "1" to an
// integer, "true" to a boolean, JSON text to objects and arrays), and the
// result is validated against the action's schema. Mask hides secret
// values in every record that is stored or printed.
//
// Compile a Spec once per action; a Spec is immutable and safe for
// concurrent use.
package param
