// Package conformance locates the shared conformance corpora (Step Functions
// executions recorded on AWS, EventBridge pattern cases, StackStorm's
// examples and operator tests) that tests read from ../shared/conformance
// beside the project root. The corpora are never copied into the project.
package conformance

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// EnvDir names an environment variable that, when set, overrides where the
// corpora are looked for.
const EnvDir = "STORMLESS_CONFORMANCE_DIR"

// Dir returns the absolute path of the conformance corpora directory: $EnvDir
// when set, else ../shared/conformance next to the directory holding go.mod,
// found by walking up from the working directory (tests run in their
// package's directory).
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return checkDir(d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("locating conformance corpora: %w", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return checkDir(filepath.Join(filepath.Dir(d), "shared", "conformance"))
		}
		if filepath.Dir(d) == d {
			return "", errors.New("locating conformance corpora: no go.mod above " + wd)
		}
	}
}

// Path joins elem onto Dir, e.g. Path("st2", "operator_conformance.yaml").
func Path(elem ...string) (string, error) {
	d, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(append([]string{d}, elem...)...), nil
}

// TB is the part of testing.TB that MustPath uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// MustPath is Path for tests: it fails the test when the corpora are missing,
// saying where they were looked for and how to point at them.
func MustPath(t TB, elem ...string) string {
	t.Helper()
	p, err := Path(elem...)
	if err != nil {
		t.Fatalf("%v (set %s to the shared/conformance directory)", err, EnvDir)
	}
	return p
}

func checkDir(d string) (string, error) {
	abs, err := filepath.Abs(d)
	if err != nil {
		return "", fmt.Errorf("locating conformance corpora: %w", err)
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("locating conformance corpora: %s is not a directory", abs)
	}
	return abs, nil
}
