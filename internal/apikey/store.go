package apikey

import "context"

// Store keeps API keys. Implementations store only hashes, are safe for
// concurrent use and satisfy api.Authenticator.
type Store interface {
	// Create makes an enabled key for user and returns it with its secret,
	// which is not stored and cannot be recovered.
	Create(ctx context.Context, user string, metadata map[string]string) (Key, string, error)
	// List returns every key, oldest first, without secrets.
	List(ctx context.Context) ([]Key, error)
	// Delete removes the key with id; an error wrapping ErrNotFound when
	// there is none.
	Delete(ctx context.Context, id string) error
	// Authenticate returns the user of the enabled key secret; an error
	// wrapping ErrUnauthorized when secret is empty, unknown or disabled.
	Authenticate(ctx context.Context, secret string) (user string, err error)
}
