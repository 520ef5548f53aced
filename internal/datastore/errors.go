package datastore

import "errors"

// ErrNotFound is returned (wrapped) for an item that does not exist or has
// expired. Callers test it with errors.Is.
var ErrNotFound = errors.New("key not found")

// ErrInvalid is returned (wrapped) for a malformed key or query: an empty
// name, an unknown scope, a user scope without a user, a bad page token.
var ErrInvalid = errors.New("invalid key")
