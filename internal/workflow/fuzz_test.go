package workflow

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseCompile checks that parsing, validating, compiling and drawing
// any input never panics, and that compiling succeeds only with output.
func FuzzParseCompile(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "compile", "*.yaml"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("chain:\n  - name: a\n    ref: core.noop\n    on-success: a\n"))
	f.Add([]byte("version: 1.0\ntasks:\n  a:\n    with: x, y in <% zip(ctx(a), ctx(b)) %>\n    join: all\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := Parse("f.yaml", data)
		if def == nil {
			return
		}
		if def.Chain != nil {
			_ = def.Chain.Mermaid()
			return
		}
		_ = def.Orquesta.Mermaid()
		if err != nil {
			return
		}
		asl, err := Compile(def.Orquesta, Options{})
		if err == nil && len(asl) == 0 {
			t.Errorf("Compile returned no ASL and no error")
		}
	})
}

// FuzzCompileUnvalidated compiles whatever parsed, problems or not: Compile
// validates again and must not panic.
func FuzzCompileUnvalidated(f *testing.F) {
	f.Add([]byte("version: 1.0\ntasks:\n  a:\n    next:\n      - do: nope\n"))
	f.Add([]byte("chain:\n  - name: a\n    on-success: zz\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, _ := Parse("f.yaml", data)
		switch {
		case def == nil:
		case def.Chain != nil:
			_, _ = CompileChain(def.Chain, Options{})
		default:
			_, _ = Compile(def.Orquesta, Options{})
		}
	})
}
