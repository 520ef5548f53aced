package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// writeFile writes data to dir/name, creating directories.
func writeFile(t testing.TB, dir, name, data string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies the tree src into dst.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := os.CopyFS(dst, os.DirFS(src))
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}
