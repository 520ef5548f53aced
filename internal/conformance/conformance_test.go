package conformance

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirFindsCorpora(t *testing.T) {
	p := MustPath(t, "st2", "operator_conformance.yaml")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("got %v, want the operator conformance file at %s", err, p)
	}
}

func TestEnvOverride(t *testing.T) {
	t.Setenv(EnvDir, t.TempDir())
	d, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvDir, filepath.Join(d, "missing"))
	if _, err := Dir(); err == nil {
		t.Fatalf("got nil error for a missing directory, want one")
	}
}
