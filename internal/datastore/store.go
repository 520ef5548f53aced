package datastore

import "context"

// Store is the key-value datastore port. Implementations are safe for
// concurrent use; every method takes ctx first. Expired items behave as
// absent everywhere.
type Store interface {
	// Set creates or replaces the item at k with value and returns it as
	// stored (a secret's value encrypted). It fails with ErrInvalid for a
	// bad key or a negative TTL.
	Set(ctx context.Context, k Key, value string, opts SetOptions) (KeyValue, error)
	// Get returns the item at k: a secret's plain text when decrypt is
	// set, its ciphertext (Encrypted true) otherwise. It fails with
	// ErrNotFound when there is no such item, ErrInvalid for a bad key.
	Get(ctx context.Context, k Key, decrypt bool) (KeyValue, error)
	// List returns one page of the items q selects, by scope, user and
	// name; secrets stay encrypted.
	List(ctx context.Context, q Query) (Page, error)
	// Delete removes the item at k; ErrNotFound when there is none.
	Delete(ctx context.Context, k Key) error
}

// Query selects items to list.
type Query struct {
	// Scope restricts the listing to one scope; empty lists both.
	Scope Scope
	// User restricts a listing to one user's items (and the system
	// scope's, when Scope is empty); empty lists every user's.
	User string
	// Prefix keeps items whose name starts with it.
	Prefix string
	// Limit is the page size: 0 means 100, more than 1000 means 1000.
	Limit int
	// Token is a previous page's Next.
	Token string
}

// PageSize returns the effective page size of q.
func (q Query) PageSize() int {
	switch {
	case q.Limit <= 0:
		return 100
	case q.Limit > 1000:
		return 1000
	}
	return q.Limit
}

// Page is one page of a listing, ordered by scope, user and name. Next is
// an opaque token for the following page, empty on the last.
type Page struct {
	Items []KeyValue
	Next  string
}
