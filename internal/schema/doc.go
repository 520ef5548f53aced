// Package schema compiles and checks JSON Schemas written in StackStorm's
// dialect: draft 4, where a property may say "required: true" instead of
// listing itself in its parent's "required", where StackStorm's own
// keywords (secret, immutable, position) may appear, and where "format" is
// never asserted. Action parameters, trigger payloads and parameters,
// policy parameters and pack configs are all written this way.
//
// A Schema never loads "$ref" targets from files or the network; references
// must point inside the schema itself.
package schema
