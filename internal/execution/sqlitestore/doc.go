// Package sqlitestore is the execution.Store port on an embedded SQLite
// file (modernc.org/sqlite, pure Go): the audit trail of the local runtime.
//
// The database runs in WAL mode with a busy timeout. One writer goroutine
// owns the only write connection and commits queued writes in groups: it
// takes every write waiting in its queue (up to a bound), applies each
// under its own savepoint so one failing write does not undo the others,
// commits once, and only then answers the callers. A caller's write is
// therefore durable when its method returns (with synchronous=FULL, the
// default, even across a power loss; a killed process never loses an
// acknowledged write). Reads use a separate pool of read-only connections
// and never wait for the writer.
//
// The schema is versioned: the SQL files under migrations/ are applied in
// order at Open and recorded in the schema_version table. Records are kept
// as JSON documents beside the indexed columns each listing filters on.
package sqlitestore
