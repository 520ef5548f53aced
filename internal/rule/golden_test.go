package rule

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/conformance"
	"github.com/stormless/stormless/internal/pack"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// ruleFiles lists every rule shipped in packs/ and in the StackStorm
// corpus (contrib examples, st2tests fixtures).
func ruleFiles(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	add := func(prefix, pattern string) {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatalf("listing rules: %v", err)
		}
		for _, m := range matches {
			files[prefix+"_"+strings.TrimSuffix(filepath.Base(m), ".yaml")] = m
		}
	}
	add("packs", filepath.Join("..", "..", "packs", "*", "rules", "*.yaml"))
	st2 := conformance.MustPath(t, "st2")
	add("st2_examples", filepath.Join(st2, "contrib", "examples", "rules", "*.yaml"))
	add("st2tests", filepath.Join(st2, "st2tests", "st2tests", "fixtures", "*", "rules", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("found no rule files")
	}
	return files
}

// loadRule loads a rule file; unresolved actions or trigger types (the
// corpus names packs that are not installed) do not stop compilation.
func loadRule(t *testing.T, path string) *pack.Rule {
	t.Helper()
	r, err := pack.LoadRuleFile(path, nil)
	if r == nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	return r
}

func TestCompileGolden(t *testing.T) {
	for name, path := range ruleFiles(t) {
		t.Run(name, func(t *testing.T) {
			c, err := Compile(loadRule(t, path))
			if err != nil {
				t.Fatalf("compiling %s: %v", path, err)
			}
			got, err := json.MarshalIndent(c, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("reading golden file (run with -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestShippedRulesDifferential decides sample payloads for every shipped
// rule both ways.
func TestShippedRulesDifferential(t *testing.T) {
	for name, path := range ruleFiles(t) {
		t.Run(name, func(t *testing.T) {
			r := loadRule(t, path)
			c, err := Compile(r)
			if err != nil {
				t.Fatal(err)
			}
			for _, payload := range samplePayloads(c.Criteria) {
				checkDifferential(t, r, c, payload, WithNow(fixedNow))
			}
		})
	}
}

// samplePayloads builds payloads that set every simple criteria key to
// each value sample (and to the pattern itself, and its list).
func samplePayloads(cs []Criterion) []any {
	out := []any{nil, map[string]any{}, map[string]any{"unrelated": 1}}
	samples := append([]any(nil), valueSamples...)
	for _, c := range cs {
		if c.Pattern != nil {
			samples = append(samples, c.Pattern, []any{c.Pattern})
		}
	}
	for _, v := range samples {
		p := map[string]any{}
		for _, c := range cs {
			if fields, ok := simplePayloadPath(c.Key); ok {
				setPath(p, fields, v)
			}
		}
		out = append(out, p)
	}
	return out
}

func simplePayloadPath(key string) ([]string, bool) {
	path, err := parseKey(stripSuffix(key))
	if err != nil {
		return nil, false
	}
	fields, ok := path.simpleFields()
	if !ok || len(fields) < 2 || fields[0] != "trigger" {
		return nil, false
	}
	return fields[1:], true
}

// TestRuleFilterCasesDifferential compiles each StackStorm rule_filter
// case as a webhook rule and decides its payload, and variants, both ways.
func TestRuleFilterCasesDifferential(t *testing.T) {
	oc := loadConformance(t)
	for i, tc := range oc.RuleFilterCases.Cases {
		criteria, err := ParseCriteria(tc.Criteria)
		if err != nil {
			t.Fatal(err)
		}
		pcs := make([]pack.Criterion, len(criteria))
		for j, c := range criteria {
			pcs[j] = pack.Criterion{Key: c.Key, Type: c.Type, Pattern: c.Pattern, Condition: c.Condition}
		}
		r := webhookRule("filter_case", pcs...)
		c, err := Compile(r)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		opts := []Option{WithDatastore(MapDatastore(tc.KV)), WithNow(fixedNow)}
		checkDifferential(t, r, c, oc.RuleFilterCases.Payload, opts...)
		for _, p := range samplePayloads(c.Criteria) {
			checkDifferential(t, r, c, p, opts...)
		}
	}
}
