// Package execution holds the audit trail of Stormless: the records
// StackStorm users know (action executions, trigger instances, rule
// enforcements, traces, inquiries) with StackStorm's fields and JSON
// shapes, the rules that govern them (which status may follow which, how
// secret parameters are masked), and the Store port through which the
// engine records them.
//
// The Store is small interfaces grouped by what callers need: Executions,
// Outputs, TriggerInstances, Enforcements, Traces, Inquiries and Purger.
// Adapters live in sub-packages named after their technology
// (sqlitestore on one machine, dynamostore on AWS) and every adapter passes
// the same conformance suite, storetest.Run.
//
// Two guarantees make "nothing accepted is lost, nothing runs twice"
// possible: a write returns only once it is durable (the acknowledgement),
// and Executions.Transition is a compare-and-set on the current status, so
// two workers can never both move one execution.
package execution
