package local

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// logKeyFile is the key the workflow task logs are sealed with, in the
// data directory, created on first use with mode 0600.
const logKeyFile = "workflows.key"

// sealer seals the lines of workflow task logs with AES-256-GCM: a
// workflow's checkpoint holds its input and variables, secret parameters
// and decrypted key-value secrets included, which are never written in
// the clear. Safe for concurrent use.
type sealer struct{ aead cipher.AEAD }

// loadSealer reads the data directory's log key, creating it when absent.
func loadSealer(dataDir string) (*sealer, error) {
	p := filepath.Join(dataDir, logKeyFile)
	key, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("creating workflow log key: %w", err)
		}
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, fmt.Errorf("creating data directory: %w", err)
		}
		f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if errors.Is(err, os.ErrExist) {
			return loadSealer(dataDir) // another engine created it first
		}
		if err != nil {
			return nil, fmt.Errorf("creating workflow log key %s: %w", p, err)
		}
		_, werr := f.Write(key)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return nil, fmt.Errorf("writing workflow log key %s: %w", p, werr)
		}
	} else if err != nil {
		return nil, fmt.Errorf("reading workflow log key %s: %w", p, err)
	}
	if len(key) != 32 {
		return nil, fmt.Errorf("reading workflow log key %s: got %d bytes, want 32 (delete it to start over; the logs it sealed can then not be read)", p, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("reading workflow log key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("reading workflow log key: %w", err)
	}
	return &sealer{aead: aead}, nil
}

// seal encrypts one line into base64 text without newlines.
func (s *sealer) seal(plain []byte) []byte {
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(plain)+s.aead.Overhead())
	_, _ = rand.Read(nonce)
	ct := s.aead.Seal(nonce, nonce, plain, nil)
	out := make([]byte, base64.StdEncoding.EncodedLen(len(ct)))
	base64.StdEncoding.Encode(out, ct)
	return out
}

// open decrypts a sealed line.
func (s *sealer) open(line []byte) ([]byte, error) {
	ct := make([]byte, base64.StdEncoding.DecodedLen(len(line)))
	n, err := base64.StdEncoding.Decode(ct, line)
	if err != nil {
		return nil, fmt.Errorf("decoding sealed line: %w", err)
	}
	ct = ct[:n]
	if len(ct) < s.aead.NonceSize() {
		return nil, errors.New("decoding sealed line: too short")
	}
	plain, err := s.aead.Open(nil, ct[:s.aead.NonceSize()], ct[s.aead.NonceSize():], nil)
	if err != nil {
		return nil, fmt.Errorf("opening sealed line: %w", err)
	}
	return plain, nil
}

// logSeal loads the engine's log sealer once.
type logSeal struct {
	once sync.Once
	s    *sealer
	err  error
}

// sealer returns the data directory's log sealer, nil without a data
// directory.
func (e *Engine) sealer() (*sealer, error) {
	if e.cfg.dataDir == "" {
		return nil, nil
	}
	ls := &e.runs.seal
	ls.once.Do(func() { ls.s, ls.err = loadSealer(e.cfg.dataDir) })
	return ls.s, ls.err
}
