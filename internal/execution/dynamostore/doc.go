// Package dynamostore is the execution.Store port on DynamoDB: the audit
// trail of a deployed Stormless (executions, their output, trigger
// instances, rule enforcements, traces, inquiries) in one table. It passes
// the same storetest suite as sqlitestore, against dynalite in make test.
//
// # Table design
//
// One table (Design), primary key pk (partition) and sk (sort), both
// strings. Every record is one item whose JSON form is in the attribute
// doc; the attributes below are what keys, conditions and indexes read.
//
//	record           pk          sk              kind  g1            g2            g3          g4               g5
//	execution        EX#<id>     EX              EX    EX#<action>   EX#<status>   EX#<rule>   EX#<trigger type> EX#<parent> ("EX#" when top level)
//	output line      EX#<id>     OUT#<seq, 20 digits>  (no index keys)
//	trigger instance TI#<id>     TI              TI    TI#<trigger>  TI#<status>
//	enforcement      EN#<id>     EN              EN    EN#<rule>     EN#<trigger instance id>  EN#<execution id>
//	trace            TR#<id>     TR              TR    TR#<trace tag>
//	inquiry          IQ#<id>     IQ              IQ    IQ#<status>
//	API key          AK#<sha256 hex>  AK         AK    AK#<key id>   (apikey/dynamokeys shares the table)
//	task token       TT#<inquiry id>  TT         (no index keys; TaskTokenStore)
//
// Every indexed item carries ts, its ordering time as a fixed-width UTC
// string with nanoseconds followed by "#<id>" ("2026-01-02T03:04:05.000000000Z#e1"),
// so string order is time order and ties break by id. Six global secondary
// indexes, each projecting all attributes, serve every listing:
//
//	kind-ts  kind, ts   everything of one kind (no filter, time range, purge)
//	g1-ts    g1, ts     executions by action, trigger instances by trigger, enforcements by rule, traces by tag, inquiries by status, API keys by id
//	g2-ts    g2, ts     executions by status (and in flight), trigger instances by status, enforcements by trigger instance
//	g3-ts    g3, ts     executions by rule, enforcements by execution
//	g4-ts    g4, ts     executions by trigger type
//	g5-ts    g5, ts     executions by parent, top-level executions
//
// An attribute that does not apply is absent, so the item is not in that
// index (sparse indexes). A query with several filters reads the index of
// the most selective one (parent, rule, trigger, action, status, in that
// order) and checks the others on the items it reads. Time ranges are key
// conditions on ts; pages are cursors over ts (the Next token is the last
// item's ts), so paging is stable under concurrent inserts. The kind-ts
// partitions take every write of their kind: at DynamoDB's 1,000 writes/s
// per partition that bounds one deployment to about 1,000 executions/s; a
// per-day suffix on kind is the way past that.
//
// Reads by id are strongly consistent; listings read global secondary
// indexes, which DynamoDB updates asynchronously: on AWS a record may be
// missing from a listing for a fraction of a second after it was written
// (dynalite, in the tests, updates them at once).
//
// # Writes
//
// Creates are PutItem with attribute_not_exists(pk): a retried create gets
// ErrConflict, never a second record. An execution's children are a list
// attribute appended with list_append when a child is created (condition:
// the parent exists). Status changes are compare-and-set: executions carry
// a version number ver, and TransitionExecution reads the item, applies the
// change and writes it back on condition ver = the read version; when the
// condition fails it reads again and answers ErrConflict if the status is
// no longer Change.From (else it retries). Trigger instance statuses and
// inquiry resolutions are conditional on st. Output lines take their
// sequence numbers from an atomic ADD on the execution item (outseq), then
// are written with BatchWriteItem. Trace components are three list
// attributes appended with list_append, so concurrent additions all stay.
// CreateBatch is one TransactWriteItems call (at most 100 actions and 4 MB;
// a batch holds at most execution.MaxBatchRecords parts, two actions for
// an execution whose parent exists already).
//
// IAM: GetItem, PutItem, UpdateItem, DeleteItem, BatchWriteItem on the
// table, Query on the table and its indexes (table/<name>/index/*);
// transactions need no permission of their own.
//
// # Retention
//
// With WithRetention(d), records get expires (epoch seconds) = their
// ending time + d: executions when they reach a final status, trigger
// instances, enforcements and traces when created, inquiries when
// resolved, output lines at their own timestamp (so a running execution
// older than d may lose its first lines). DynamoDB's TTL deletes them
// within days of that time; Purge deletes at once, for callers that need
// it. Items are at most 400 KB: an execution whose result and parameters
// are larger fails with a storage error.
//
// # Limits of the local test server
//
// dynalite has no TransactWriteItems and no UpdateTimeToLive. The tests
// run the store against dynalite through a client that emulates
// TransactWriteItems with the item operations under one lock, undoing the
// applied items when one condition fails (cancellation reasons as
// DynamoDB gives them); TTL is declared by infra/, not by the store.
package dynamostore
