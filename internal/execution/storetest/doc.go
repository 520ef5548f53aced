// Package storetest is the conformance suite of the execution.Store port:
// every adapter (sqlitestore, dynamostore) runs storetest.Run from its own
// tests and must pass it unchanged, as file systems run testing/fstest.
//
// The suite covers every port method: creation and reading, ErrNotFound,
// ErrConflict on duplicate ids and failed compare-and-sets,
// ErrInvalidTransition, each list filter, stable pagination under
// concurrent inserts, purge, and many goroutines writing at once.
package storetest
