package secretkey

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
)

// ErrDecrypt is returned (wrapped) when a ciphertext cannot be opened:
// it was altered, sealed under another key or for another item. The error
// never carries the plain text or the key.
var ErrDecrypt = errors.New("decrypting secret: message authentication failed")

// Key is an AES-256-GCM key. It is safe for concurrent use.
type Key struct {
	aead cipher.AEAD
}

// New returns the key made of raw, which must be 32 bytes.
func New(raw []byte) (*Key, error) {
	if len(raw) != 32 {
		return nil, fmt.Errorf("making key: got %d bytes, want 32", len(raw))
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, fmt.Errorf("making key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("making key: %w", err)
	}
	return &Key{aead: aead}, nil
}

// Seal encrypts plain, binding it to context (such as the item's full
// name, so a ciphertext cannot be moved to another item), and returns the
// hex encoding of nonce and ciphertext.
func (k *Key) Seal(plain, context string) string {
	nonce := make([]byte, k.aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(k.aead.Seal(nonce, nonce, []byte(plain), []byte(context)))
}

// Open decrypts what Seal returned for the same context; it fails with
// ErrDecrypt.
func (k *Key) Open(sealed, context string) (string, error) {
	b, err := hex.DecodeString(sealed)
	n := k.aead.NonceSize()
	if err != nil || len(b) < n+k.aead.Overhead() {
		return "", ErrDecrypt
	}
	plain, err := k.aead.Open(nil, b[:n], b[n:], []byte(context))
	if err != nil {
		return "", ErrDecrypt
	}
	return string(plain), nil
}
