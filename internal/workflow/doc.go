// Package workflow holds StackStorm's two workflow languages, Orquesta and
// action-chain, as models parsed from YAML with the position of every
// element, validates them, and compiles them to Step Functions state
// machines (ASL, JSONata query language).
//
// Parse reads either language (ParseOrquesta and ParseChain read one);
// parsing and validation never panic and report every problem at once as
// an ErrorList of *Error, each with the file, line and column (and the
// expression, when one is at fault). Compile turns a validated Orquesta
// workflow into ASL; expressions are translated by package expr, whose
// documentation describes the JSONata variable layout the state machine
// keeps.
package workflow
