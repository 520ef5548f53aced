package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/packs"
)

// withCorePack returns dirs plus the core pack built into the binary when
// none of dirs holds a pack named core (dirs name a pack or a directory of
// packs), so that core.* actions exist wherever Stormless runs.
func withCorePack(dirs []string) ([]string, error) {
	for _, d := range dirs {
		if isFile(filepath.Join(d, "core", "pack.yaml")) || filepath.Base(filepath.Clean(d)) == "core" && isFile(filepath.Join(d, "pack.yaml")) {
			return dirs, nil
		}
	}
	core, err := corePackDir()
	if err != nil {
		return nil, err
	}
	return append(append([]string(nil), dirs...), core), nil
}

// corePackDir returns a directory of packs holding the built-in core pack,
// written on first use under the user's cache directory in a folder named
// after its content, so a new binary's core pack never mixes with an old one.
func corePackDir() (string, error) {
	sum := sha256.New()
	err := fs.WalkDir(packs.Core, "core", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := packs.Core.ReadFile(path)
		fmt.Fprintf(sum, "%s\x00%d\x00", path, len(data))
		sum.Write(data)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("reading the built-in core pack: %w", err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "stormless", "core-"+hex.EncodeToString(sum.Sum(nil))[:16])
	if isFile(filepath.Join(dir, "core", "pack.yaml")) {
		return dir, nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", fmt.Errorf("writing the built-in core pack: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "core-")
	if err != nil {
		return "", fmt.Errorf("writing the built-in core pack: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := os.CopyFS(tmp, packs.Core); err != nil {
		return "", fmt.Errorf("writing the built-in core pack: %w", err)
	}
	// Another process may have written it meanwhile: either copy is whole.
	if err := os.Rename(tmp, dir); err != nil && !isFile(filepath.Join(dir, "core", "pack.yaml")) {
		return "", fmt.Errorf("writing the built-in core pack: %w", err)
	}
	return dir, nil
}

// isFile reports whether path is a regular file.
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// packDirsWithCore is the command's --packs directories plus the built-in
// core pack when they hold none (withCorePack).
func packDirsWithCore(cmd *cobra.Command) ([]string, error) {
	dirs, err := cmd.Flags().GetStringArray("packs")
	if err != nil {
		return nil, fmt.Errorf("reading --packs: %w", err)
	}
	if len(dirs) == 0 {
		dirs = []string{defaultPacksDir}
	}
	if !cmd.Flags().Changed("packs") && !isDir(defaultPacksDir) {
		dirs = nil // no ./packs here: the built-in core pack alone
	}
	return withCorePack(dirs)
}

// loadPackSetWithCore is loadPackSet with the built-in core pack added
// when the --packs directories hold none.
func loadPackSetWithCore(cmd *cobra.Command) (*pack.Set, error) {
	dirs, err := packDirsWithCore(cmd)
	if err != nil {
		return nil, err
	}
	return pack.Load(dirs...)
}
