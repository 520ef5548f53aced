package python

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

//go:embed all:shim
var shimFS embed.FS

// shimMain is the shim's entry script, relative to its directory.
const shimMain = "stormless_shim.py"

// shimDir writes the shim under base (once per process) and returns its
// directory: base/stormless-pyshim-<hash of the content>, so that
// processes of one version share it and versions never mix.
func shimDir(base string) (string, error) {
	dirs.Lock()
	defer dirs.Unlock()
	if d, ok := dirs.byBase[base]; ok {
		return d, nil
	}
	d, err := writeShim(base)
	if err != nil {
		return "", err
	}
	dirs.byBase[base] = d
	return d, nil
}

var dirs = struct {
	sync.Mutex
	byBase map[string]string
}{byBase: map[string]string{}}

func writeShim(base string) (string, error) {
	sum, err := shimHash()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "stormless-pyshim-"+sum)
	if _, err := os.Stat(filepath.Join(dir, shimMain)); err == nil {
		return dir, nil
	}
	tmp, err := os.MkdirTemp(base, ".pyshim-")
	if err != nil {
		return "", fmt.Errorf("creating shim directory: %w", err)
	}
	if err := copyShim(tmp); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp) // another process won the race: use its copy
		if _, serr := os.Stat(filepath.Join(dir, shimMain)); serr != nil {
			return "", fmt.Errorf("installing shim: %w", err)
		}
	}
	return dir, nil
}

func shimHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(shimFS, "shim", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := shimFS.ReadFile(path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("hashing shim: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

func copyShim(dst string) error {
	sub, err := fs.Sub(shimFS, "shim")
	if err != nil {
		return fmt.Errorf("reading shim: %w", err)
	}
	if err := os.CopyFS(dst, sub); err != nil {
		return fmt.Errorf("writing shim: %w", err)
	}
	return nil
}
