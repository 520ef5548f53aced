package apikey

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/api"
)

// ErrNotFound is returned (wrapped) for an ID no key has.
var ErrNotFound = errors.New("api key not found")

// ErrUnauthorized is api.ErrUnauthorized: Authenticate wraps it for an
// empty, unknown or disabled key, so the API answers 401.
var ErrUnauthorized = api.ErrUnauthorized

// Key is a stored API key: everything but the secret, which is never kept.
type Key struct {
	ID        string            `json:"id"`
	User      string            `json:"user"`
	CreatedAt time.Time         `json:"created_at"`
	Enabled   bool              `json:"enabled"`
	Metadata  map[string]string `json:"metadata,omitempty"`
}

// secretBytes is the entropy of a key: 256 bits, so an unsalted SHA-256 is
// as strong as a password hash would be.
const secretBytes = 32

// NewSecret returns a new random key, URL-safe so it can travel in a query
// parameter, and its hash.
func NewSecret() (secret string, hash []byte, err error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("generating api key: %w", err)
	}
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, Hash(secret), nil
}

// Hash returns the SHA-256 of secret, the only form in which keys are stored.
func Hash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// NewID returns a random key ID, safe to show and log.
func NewID() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generating api key id: %w", err)
	}
	return hex.EncodeToString(b), nil
}
