// Package memkv is an in-memory datastore.Store, for tests and for a local
// runtime started without a datastore file. Its contents are lost when the
// process ends.
package memkv
