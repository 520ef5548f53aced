package pack_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stormless/stormless/internal/pack"
)

// fuzzFiles are the files FuzzLoad writes the input to, so every decoder
// sees it.
var fuzzFiles = []string{
	"pack.yaml", "config.schema.yaml", "actions/a.yaml", "actions/workflows/w.yaml",
	"rules/r.yaml", "sensors/s.yaml", "policies/p.yaml", "aliases/x.yaml",
}

// FuzzLoad checks that no file content makes Load panic or hang.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		"name: a\nrunner_type: local-shell-cmd\nparameters:\n  cmd: {type: string, default: ls}\n",
		"name: r\ntrigger: {type: core.st2.webhook, parameters: {url: x}}\ncriteria: {trigger.a: {type: equals, pattern: 1}}\naction: {ref: t.a}\n",
		"class_name: S\nentry_point: s.py\ntrigger_types: [{name: e, payload_schema: {type: object}}]\n",
		"name: p\nresource_ref: t.a\npolicy_type: action.retry\nparameters: {retry_on: failure}\n",
		"a: &a [*a]\n",
		"x: &x {<<: *x}\n",
		"- &a [1,2]\n- &b [*a,*a]\n- &c [*b,*b]\n",
		"name: t\ndescription: d\nversion: 1\nauthor: a\n",
		"{{{",
		"",
		"key: !!binary aGVsbG8=\n",
		"param:\n  type: object\n  properties: {x: {required: true, $ref: '#/definitions/nope'}}\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		for _, name := range fuzzFiles {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, _ := pack.Load(dir)
		if s == nil {
			t.Fatalf("got a nil Set, want everything that loaded")
		}
		_, _ = pack.LoadRuleFile(filepath.Join(dir, "rules", "r.yaml"), s)
	})
}
