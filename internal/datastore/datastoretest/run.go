package datastoretest

import (
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

// Open returns a new, empty store for one test that reads the time from
// now; it should register its own cleanup with t.Cleanup.
type Open func(t *testing.T, now func() time.Time) datastore.Store

// Run runs the whole suite against stores made by open, each subtest on a
// fresh store.
func Run(t *testing.T, open Open) {
	suites := []struct {
		name string
		run  func(*testing.T, Open)
	}{
		{"SetGet", testSetGet},
		{"Scopes", testScopes},
		{"Secrets", testSecrets},
		{"TTL", testTTL},
		{"List", testList},
		{"Delete", testDelete},
		{"Invalid", testInvalid},
		{"Concurrency", testConcurrency},
	}
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) { s.run(t, open) })
	}
}

// clock is a settable time source.
type clock struct{ t time.Time }

// now returns the clock's time.
func (c *clock) now() time.Time { return c.t }

// fixed opens a store on a clock the test moves.
func fixed(t *testing.T, open Open) (datastore.Store, *clock) {
	c := &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	return open(t, c.now), c
}

// sys and usr name items in the system scope and in a user's scope.
func sys(name string) datastore.Key { return datastore.Key{Scope: datastore.ScopeSystem, Name: name} }
func usr(user, name string) datastore.Key {
	return datastore.Key{Scope: datastore.ScopeUser, User: user, Name: name}
}
