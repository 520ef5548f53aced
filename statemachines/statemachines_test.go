package statemachines

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/asl"
	"github.com/stormless/stormless/internal/asl/interp"
)

var testSubs = map[string]string{
	EnforcerFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:stormless-enforcer",
	RunnerFunctionARN:   "arn:aws:lambda:us-east-1:123456789012:function:stormless-runner",
}

// TestDefinitionsValidate parses and validates every embedded machine with
// the project's validator and loads it into the interpreter.
func TestDefinitionsValidate(t *testing.T) {
	in, err := interp.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			def, err := Render(name, testSubs)
			if err != nil {
				t.Fatal(err)
			}
			m, err := asl.Parse(def)
			if err != nil {
				t.Fatalf("parsing: %v", err)
			}
			if err := asl.Validate(m); err != nil {
				t.Fatalf("validating: %v", err)
			}
			if m.QueryLanguage != asl.JSONata {
				t.Errorf("got query language %q, want JSONata", m.QueryLanguage)
			}
			if _, err := in.Load(name, def); err != nil {
				t.Fatalf("loading: %v", err)
			}
		})
	}
}

func TestRenderMissingSubstitution(t *testing.T) {
	if _, err := Render(Enforce, map[string]string{RunnerFunctionARN: "x"}); err == nil {
		t.Error("got no error for a missing substitution, want one")
	}
}

// TestASLValidator runs AWS's community asl-validator over the rendered
// definitions when `make tools` installed it.
func TestASLValidator(t *testing.T) {
	bin := aslValidator(t)
	dir := t.TempDir()
	args := []string{"--silent"}
	for _, name := range Names() {
		def, err := Render(name, testSubs)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, def, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--json-path", p)
	}
	out, err := exec.CommandContext(context.WithoutCancel(t.Context()), bin, args...).CombinedOutput()
	if err != nil {
		t.Errorf("asl-validator rejected the definitions: %v\n%s", err, out)
	}
}

func aslValidator(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed: make test needs Node 20 for asl-validator (see README)")
	}
	dir, _ := os.Getwd()
	for ; ; dir = filepath.Dir(dir) {
		bin := filepath.Join(dir, ".tools", "node_modules", ".bin", "asl-validator")
		if _, err := os.Stat(bin); err == nil {
			return bin
		}
		if filepath.Dir(dir) == dir {
			t.Fatal(".tools/node_modules/.bin/asl-validator is missing: run make tools (make test does)")
		}
	}
}
