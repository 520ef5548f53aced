// Package pack loads and validates packs in StackStorm's format: pack.yaml,
// config.schema.yaml, actions (with their entry points, Orquesta workflows and
// action-chains), rules, sensors with the trigger types they declare,
// policies and aliases.
//
// Load reads one or more pack directories (or directories of packs) into a
// Set, which also holds the built-in runner types (StackStorm's, with their
// parameters) and trigger types (core.st2.webhook, the timers, the action,
// inquiry and key-value triggers, and aws.events for AWS service events).
// Action parameters come out merged with their runner's, as StackStorm
// merges them. LoadRuleFile and LoadActionFile check a single file.
//
// Loading never panics; validation reports every problem at once, each with
// the file, line and column it was found at (see Error and ErrorList).
// References to packs that were not loaded are not errors but warnings
// (Set.Warnings), since the loader cannot tell a typo from a pack it was
// not given.
package pack
