package secretkey

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrInsecureFile is returned (wrapped) when the key file can be read or
// written by anyone but its owner.
var ErrInsecureFile = errors.New("key file permissions are too open")

// LoadOrCreate returns the key in the file at path, creating the file
// (mode 0600, its directory 0700) with a new random key when it does not
// exist. It refuses a key file whose mode grants any access to group or
// others, with an error wrapping ErrInsecureFile that says how to fix it,
// and a file that does not hold a key. Safe against a concurrent first
// start: only one creator wins, the other reads its key.
func LoadOrCreate(path string) (*Key, error) {
	k, err := load(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	if err := create(path); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return load(path)
}

// load reads and checks an existing key file.
func load(path string) (*Key, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("reading key file: %w", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("loading key file %s: mode %04o lets others read it; run chmod 600 %s: %w",
			path, perm, path, ErrInsecureFile)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading key file: %w", err)
	}
	raw, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(raw) != 32 {
		return nil, fmt.Errorf("loading key file %s: want 64 hexadecimal digits", path)
	}
	return New(raw)
}

// create writes a new key file, failing with fs.ErrExist when one exists.
// The key is written to a private temporary file first and then linked
// into place, so no reader ever sees a partial key file.
func create(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating key file directory: %w", err)
	}
	tmp, err := writeTemp(dir)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		return fmt.Errorf("creating key file: %w", err)
	}
	return nil
}

// writeTemp writes a new random key to a temporary file (mode 0600) in
// dir and returns its name.
func writeTemp(dir string) (string, error) {
	raw := make([]byte, 32)
	_, _ = rand.Read(raw) // crypto/rand.Read never fails (Go 1.24+)
	f, err := os.CreateTemp(dir, ".key-*")
	if err != nil {
		return "", fmt.Errorf("creating key file: %w", err)
	}
	_, err = f.WriteString(hex.EncodeToString(raw) + "\n")
	if err == nil {
		err = f.Chmod(0o600)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", fmt.Errorf("writing key file: %w", err)
	}
	return f.Name(), nil
}
