package workflow

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/asl"
	"github.com/stormless/stormless/internal/conformance"
)

var update = flag.Bool("update", false, "rewrite golden files")

// compileFile parses and compiles one workflow file.
func compileFile(t *testing.T, path string) ([]byte, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	def, err := Parse(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("parsing: %v", err)
	}
	opts := Options{Workflow: func(ref string) (string, bool) {
		if ref == "examples.orquesta-sequential" {
			return StateMachineARN("us-east-1", "123456789012", ref), true
		}
		return "", false
	}}
	if def.Chain != nil {
		return CompileChain(def.Chain, opts)
	}
	return Compile(def.Orquesta, opts)
}

// checkASL fails the test unless def is a valid ASL definition.
func checkASL(t *testing.T, def []byte) {
	t.Helper()
	if _, err := asl.Parse(def); err != nil {
		t.Errorf("compiled ASL is invalid: %v\n%s", err, def)
	}
}

func TestCompileGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "compile", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("got no testdata/compile/*.yaml")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got, err := compileFile(t, f)
			if err != nil {
				t.Fatalf("compiling: %v", err)
			}
			checkASL(t, got)
			golden(t, strings.TrimSuffix(f, ".yaml")+".asl.json", got)
		})
	}
}

// golden compares got with the golden file, rewriting it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("got:\n%s\nwant (%s):\n%s", got, path, want)
	}
}

func TestCompileExamples(t *testing.T) {
	for _, f := range exampleWorkflows(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got, err := compileFile(t, f)
			if err != nil {
				t.Fatalf("got error %v, want every example to compile", err)
			}
			checkASL(t, got)
			again, _ := compileFile(t, f)
			if !bytes.Equal(got, again) {
				t.Errorf("compiling twice gave different ASL")
			}
			golden(t, filepath.Join("testdata", "examples", strings.TrimSuffix(filepath.Base(f), ".yaml")+".asl.json"), got)
		})
	}
}

func TestCompileChainExamples(t *testing.T) {
	dir := conformance.MustPath(t, "st2", "contrib", "examples", "actions", "chains")
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got, err := compileFile(t, f)
			if err != nil {
				t.Fatalf("compiling: %v", err)
			}
			checkASL(t, got)
			golden(t, filepath.Join("testdata", "examples", strings.TrimSuffix(filepath.Base(f), ".yaml")+".asl.json"), got)
		})
	}
}
