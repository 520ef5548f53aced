// Package intrinsic parses and evaluates the intrinsic functions of the
// Amazon States Language (JSONPath query language): States.Format,
// States.StringToJson, States.JsonToString, States.Array,
// States.ArrayPartition, States.ArrayContains, States.ArrayRange,
// States.ArrayGetItem, States.ArrayLength, States.ArrayUnique,
// States.Base64Encode, States.Base64Decode, States.Hash, States.JsonMerge,
// States.MathRandom, States.MathAdd, States.StringSplit and States.UUID,
// each as AWS Step Functions evaluates it.
//
// Parse reads a call such as "States.Format('{} {}', $.a, States.UUID())"
// once; (*Call).Eval evaluates it against an Env, which the interpreter
// implements to resolve the JSONPath arguments ("$.x", "$$.x", "$var").
// Values are Go's encoding/json generic form: map[string]any, []any,
// string, float64, bool and nil.
//
// # Syntax
//
// Arguments are string literals in single quotes, numbers, true, false,
// null, paths and nested calls; at most 10 calls in one expression. In a
// string literal the characters ' { } and \ are escaped with a backslash
// (\' \{ \} \\); any other backslash sequence is rejected, as Step
// Functions rejects it. In a States.Format template an unescaped {} is a
// placeholder.
//
// # Behaviour worth knowing
//
//   - States.Format renders strings as they are, integers without a
//     fraction, objects and arrays as Java does ({a=1, b=[x, y]}), as AWS
//     does; object members come in key order (Go maps keep no order).
//   - States.MathAdd and States.MathRandom round each argument to the
//     nearest integer, halves up (Java's Math.round), as recorded on AWS.
//   - States.MathRandom with a seed uses Java's java.util.Random algorithm,
//     so a seed always yields the same number; without a seed, and for
//     States.UUID, randomness comes from the Env when it implements
//     RandomEnv, else from math/rand/v2.
//   - States.StringSplit splits on any of the delimiter's characters and
//     drops empty strings (Java's StringTokenizer).
//   - States.StringToJson of blank text is null; -0 reads as 0.
//   - States.JsonToString and States.ArrayContains/ArrayUnique compare and
//     write JSON without HTML escaping, object members in key order.
//   - States.Hash of a non-string hashes its JSON text (AWS's behaviour for
//     non-strings is not recorded); inputs of Base64Encode, Base64Decode
//     and Hash are limited to 10,000 characters (UTF-16 units, as Java
//     counts), ArrayRange to 1,000 elements.
//
// The recorded AWS executions in the LocalStack corpus
// (conformance_test.go) fix the outputs above; they record no
// States.IntrinsicFailure, so the causes of *Error are this package's own
// wording.
//
// # Errors
//
// Every error implements interface{ ASLError() (name, cause string) }:
// *SyntaxError for a call that does not parse (name "States.Runtime"; the
// validator reports it as an invalid definition), *Error for a call that
// fails at run time ("States.IntrinsicFailure"). Errors returned by
// Env.Resolve are passed through, wrapped, so the interpreter keeps their
// own ASL names (a missing path is States.Runtime).
//
// A *Call is immutable and safe for concurrent use.
package intrinsic
