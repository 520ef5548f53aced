// Package datastoretest is the conformance suite of the datastore.Store
// port: every adapter runs datastoretest.Run from its tests and must pass
// it unchanged.
package datastoretest
