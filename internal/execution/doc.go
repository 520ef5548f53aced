// Package execution holds the audit trail of Stormless: the records
// StackStorm users know (action executions, trigger instances, rule
// enforcements, traces, inquiries) with StackStorm's fields and JSON
// shapes, the rules that govern them (which status may follow which, how
// secret parameters are masked), and the Store port through which the
// engine records them.
//
// The Store is small interfaces grouped by what callers need: Executions,
// Outputs, TriggerInstances, Enforcements, Traces, Inquiries, Batches and Purger.
// Adapters live in sub-packages named after their technology
// (sqlitestore on one machine, dynamostore on AWS) and every adapter passes
// the same conformance suite, storetest.Run.
//
// Two guarantees make "nothing accepted is lost, nothing runs twice"
// possible: a write returns only once it is durable (the acknowledgement),
// and Executions.TransitionExecution is a compare-and-set on the current
// status, so two workers can never both move one execution.
//
// # Implementing the port
//
// What storetest checks, and what an adapter must therefore honour:
//
//   - Listings are newest first by the record's ordering time
//     (StartTimestamp, OccurrenceTime, EnforcedAt, CreatedAt), ties broken
//     by id descending; page tokens are opaque, encode the last position
//     (time, id), and stay valid while records are inserted, so paging
//     never repeats or skips a record that existed when it started. A
//     DynamoDB adapter keys each list index (GSI) on the filter attribute
//     with a "time#id" sort key and encodes LastEvaluatedKey as the token.
//   - Creates are conditional on the id being new (ErrConflict otherwise,
//     with nothing written); CreateBatch is all or nothing and at most
//     MaxBatchRecords records (one TransactWriteItems).
//   - TransitionExecution, SetTriggerInstanceStatus and ResolveInquiry are
//     conditional updates on the current status; the losing writer gets
//     ErrConflict, an unknown id ErrNotFound.
//   - Creating an execution with a Parent appends its id to the parent's
//     Children in the same write; AddTraceComponents appends atomically.
//   - AppendOutput numbers lines 1, 2, 3... per execution (a counter on
//     the execution item suits DynamoDB).
//   - InFlightExecutions returns every execution whose status is not final,
//     oldest first (a sparse index present only while in flight suits
//     DynamoDB); Purge deletes what ended before the cutoff and never
//     in-flight executions or pending inquiries (DynamoDB's TTL may delete
//     earlier, but Purge must still be exact).
//   - Records read back encode to the same JSON as written (times in UTC,
//     JSON values compacted).
package execution
