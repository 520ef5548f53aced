package runner

import (
	"context"
	"errors"
	"time"
)

// ErrKeyNotFound is returned (wrapped) by a Datastore for a key that does
// not exist.
var ErrKeyNotFound = errors.New("key not found")

// Scope is a datastore scope: "system" or "user".
type Scope string

// StackStorm's datastore scopes.
const (
	ScopeSystem Scope = "system"
	ScopeUser   Scope = "user"
)

// KeyValue is one datastore item.
type KeyValue struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Scope  Scope  `json:"scope"`
	Secret bool   `json:"secret"`
	// Expires is when the item expires, zero when it never does.
	Expires time.Time `json:"expire_timestamp,omitzero"`
}

// SetOptions are the options of Datastore.Set.
type SetOptions struct {
	// TTL expires the item after that long; zero keeps it.
	TTL time.Duration
	// Secret stores the value encrypted.
	Secret bool
}

// Datastore is the key-value store as actions see it. User-scoped keys
// belong to the execution's user; implementations resolve that. A
// Datastore is used concurrently by many executions.
type Datastore interface {
	// Get returns the value of key in scope, decrypted when decrypt is
	// set; an error wrapping ErrKeyNotFound when there is none.
	Get(ctx context.Context, scope Scope, key string, decrypt bool) (string, error)
	// Set creates or replaces key in scope.
	Set(ctx context.Context, scope Scope, key, value string, opts SetOptions) error
	// Delete removes key from scope; an error wrapping ErrKeyNotFound when
	// there is none.
	Delete(ctx context.Context, scope Scope, key string) error
	// List returns the items of scope whose names start with prefix,
	// sorted by name; secret values stay encrypted.
	List(ctx context.Context, scope Scope, prefix string) ([]KeyValue, error)
}
