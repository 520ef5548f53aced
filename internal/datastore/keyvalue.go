package datastore

import (
	"fmt"
	"time"
)

// Scope is where an item lives: the system scope, shared by everything,
// or a user scope, private to one user.
type Scope string

// StackStorm's datastore scopes (st2kv.system and st2kv.user).
const (
	ScopeSystem Scope = "system"
	ScopeUser   Scope = "user"
)

// Key names one item: its scope, its user (user scope only) and its name.
type Key struct {
	Scope Scope
	User  string
	Name  string
}

// Validate returns an error wrapping ErrInvalid unless k names an item: a
// known scope, a user exactly when the scope is user, a non-empty name.
func (k Key) Validate() error {
	switch {
	case k.Name == "":
		return fmt.Errorf("validating key: empty name: %w", ErrInvalid)
	case k.Scope != ScopeSystem && k.Scope != ScopeUser:
		return fmt.Errorf("validating key %s: scope %q: %w", k.Name, k.Scope, ErrInvalid)
	case k.Scope == ScopeUser && k.User == "":
		return fmt.Errorf("validating key %s: user scope without a user: %w", k.Name, ErrInvalid)
	case k.Scope == ScopeSystem && k.User != "":
		return fmt.Errorf("validating key %s: system scope with a user: %w", k.Name, ErrInvalid)
	}
	return nil
}

// String returns k as StackStorm shows it: "name" in the system scope,
// "user:name" in a user scope.
func (k Key) String() string {
	if k.Scope == ScopeUser {
		return k.User + ":" + k.Name
	}
	return k.Name
}

// KeyValue is one datastore item, StackStorm's KeyValuePair; its JSON form
// is the /api/v1/keys shape.
type KeyValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Scope Scope  `json:"scope"`
	User  string `json:"user,omitempty"`
	// Secret marks a value stored encrypted.
	Secret bool `json:"secret"`
	// Encrypted reports that Value is the ciphertext of a secret, as
	// stored, rather than its plain text.
	Encrypted bool `json:"encrypted"`
	// ExpireTimestamp is when the item expires; zero when it never does.
	ExpireTimestamp time.Time `json:"expire_timestamp,omitzero"`
}

// Key returns kv's key.
func (kv KeyValue) Key() Key {
	return Key{Scope: kv.Scope, User: kv.User, Name: kv.Name}
}

// SetOptions are the options of Store.Set.
type SetOptions struct {
	// Secret stores the value encrypted.
	Secret bool
	// TTL expires the item that long after it is set; zero never does.
	TTL time.Duration
}
