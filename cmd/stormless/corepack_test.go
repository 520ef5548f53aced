package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Without packs of its own, a workflow still runs core.* actions: the core
// pack is built into the binary and written to the user's cache once.
func TestBuiltinCorePack(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	wf := filepath.Join(t.TempDir(), "wf.yaml")
	if err := os.WriteFile(wf, []byte("version: 1.0\ntasks:\n  t:\n    action: core.echo message=hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // no ./packs here
	out, errOut, code := runCLI(t, "workflow", "run", wf)
	if code != 0 || !strings.Contains(out, `"stdout": "hi`) {
		t.Fatalf("got exit %d, stdout %s, stderr %s; want core.echo to run", code, out, errOut)
	}
	written, _ := filepath.Glob(filepath.Join(cache, "stormless", "core-*", "core", "pack.yaml"))
	if len(written) != 1 {
		t.Errorf("got %v, want the core pack written once under the cache", written)
	}
}

func TestWithCorePackKeepsAGivenCore(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, dirs := range [][]string{{"../../packs"}, {"../../packs/core"}} {
		got, err := withCorePack(dirs)
		if err != nil || !slices.Equal(got, dirs) {
			t.Errorf("withCorePack(%v) = %v, %v; want the directories unchanged", dirs, got, err)
		}
	}
	got, err := withCorePack([]string{"../../packs/examples"})
	if err != nil || len(got) != 2 {
		t.Errorf("got %v, %v; want the built-in core added", got, err)
	}
}
