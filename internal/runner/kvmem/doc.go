// Package kvmem is an in-memory runner.Datastore, for tests and for
// running actions without a store.
package kvmem
