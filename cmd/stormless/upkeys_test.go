package main

import (
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/apikey/sqlitekeys"
)

func TestKeyWatchSeesAKeyCreatedElsewhere(t *testing.T) {
	path := filepath.Join(t.TempDir(), apiKeysFile)
	served, err := sqlitekeys.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer served.Close()
	w := newKeyWatch(served, path)
	for range 3 { // unchanged file: answered from the stamp
		if exist, err := w.exist(t.Context()); err != nil || exist {
			t.Fatalf("got %v, %v before any key, want false", exist, err)
		}
	}
	// Another process (stormless apikey create) opens the file and adds a key.
	other, err := sqlitekeys.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.Create(t.Context(), "ann", nil); err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if exist, err := w.exist(t.Context()); err != nil || !exist {
		t.Errorf("got %v, %v after a key was created, want true", exist, err)
	}
}
