// Package sqlitestore is the execution.Store port on an embedded SQLite
// file (modernc.org/sqlite, pure Go): the audit trail of the local runtime.
//
// The database runs in WAL mode with a busy timeout. One writer goroutine
// owns the only write connection and commits queued writes in groups: it
// takes every write waiting in its queue (up to a bound, WithMaxBatch),
// runs them in one transaction, commits once, and only then answers the
// callers. A caller's write is therefore durable when its method returns
// (with synchronous=FULL, the default, even across a power loss; a killed
// process never loses an acknowledged write). Each write checks its
// preconditions (new ids, parents, current statuses) before its first
// change, so a write refused with ErrConflict or ErrNotFound leaves the
// rest of its group intact; a storage error after a change rolls back the
// whole group and every write in it fails. Callers encode records before
// queueing them, so the writer only runs SQL. Checkpoints run on a
// separate connection every 200 ms, never on the writer. Reads use a pool
// of read-only connections and never wait for the writer.
//
// The schema is versioned: the SQL files under migrations/ are applied in
// order at Open and recorded in the schema_version table. Records are kept
// as JSON documents beside the indexed columns each listing filters on.
package sqlitestore
