// Package pack loads and validates packs in StackStorm's format: pack.yaml,
// config.schema.yaml, actions (with their entry points, Orquesta workflows and
// action-chains), rules, sensors with the trigger types they declare,
// policies and aliases.
//
// Loading never panics; validation reports every problem at once, each with
// the file, line and column it was found at (see Error and ErrorList).
package pack
