// Package datastoretest is the conformance suite of the runner.Datastore
// port: every adapter (kvmem, the SQLite and DynamoDB stores) runs Run
// from its own tests.
package datastoretest
