package workflow

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// aslValidator returns the project-local asl-validator installed by `make
// tools`, skipping the test when it is missing.
func aslValidator(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed; skipping asl-validator")
	}
	dir, _ := os.Getwd()
	for ; ; dir = filepath.Dir(dir) {
		bin := filepath.Join(dir, ".tools", "node_modules", ".bin", "asl-validator")
		if _, err := os.Stat(bin); err == nil {
			return bin
		}
		if filepath.Dir(dir) == dir {
			t.Skip(".tools/node_modules/.bin/asl-validator is missing (run make tools); skipping")
		}
	}
}

// TestGoldenASLPassesASLValidator runs AWS's community validator over every
// golden ASL file; the golden tests tie them to the compiler's output.
func TestGoldenASLPassesASLValidator(t *testing.T) {
	bin := aslValidator(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.asl.json"))
	if len(files) == 0 {
		t.Fatal("got no golden ASL files")
	}
	args := []string{"--silent"}
	for _, f := range files {
		args = append(args, "--json-path", f)
	}
	out, err := exec.CommandContext(t.Context(), bin, args...).CombinedOutput()
	if err != nil {
		t.Errorf("asl-validator rejected the golden ASL: %v\n%s", err, out)
	}
}
