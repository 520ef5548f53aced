package rule

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/pack"
)

// FuzzCompileDifferential compiles a one-criterion rule from fuzzed
// operator, key suffix, pattern and value, and checks that the event
// pattern followed by the residual gives StackStorm's verdict, and that
// nothing panics.
func FuzzCompileDifferential(f *testing.F) {
	f.Add("equals", "x", `"abc"`, `"abc"`)
	f.Add("inside", "x", `["a", 1, true]`, `1`)
	f.Add("matchwildcard", "x", `"a*[bc]?"`, `"axbz"`)
	f.Add("iequals", "x", `"ABC"`, `["abc"]`)
	f.Add("startswith", "x.y", `"pre"`, `{"y": "prefix"}`)
	f.Add("regex", "x", `"^a(b|c)$"`, `"ac"`)
	f.Add("equals", "x", `true`, `1.0`)
	f.Add("search", "x", `{"item.v": {"type": "gt", "pattern": 1}}`, `[{"v": 2}]`)
	f.Add("timediff_lt", "x", `"60"`, `"2026-11-27T11:59:30Z"`)
	f.Fuzz(func(t *testing.T, op, key, patternJSON, valueJSON string) {
		var pattern, value any
		if json.Unmarshal([]byte(patternJSON), &pattern) != nil || json.Unmarshal([]byte(valueJSON), &value) != nil {
			return
		}
		if isTemplated(pattern) || strings.Contains(patternJSON, "{{") || strings.Contains(patternJSON, "{%") {
			return // template rendering is fuzzed by gonja's own suite
		}
		cond := ""
		if strings.EqualFold(op, OpSearch) {
			cond = "any"
		}
		r := webhookRule("fuzz", pack.Criterion{Key: "trigger.body." + key, Type: op, Pattern: pattern, Condition: cond})
		c, err := Compile(r)
		if err != nil {
			return
		}
		payload := map[string]any{"body": map[string]any{}}
		if fields, ok := simplePayloadPath(r.Criteria[0].Key); ok {
			setPath(payload, fields, value)
		}
		checkDifferential(t, r, c, payload, WithNow(fixedNow))
	})
}

// FuzzEvaluate applies fuzzed operators, keys, patterns and payloads with
// StackStorm semantics: it must never panic.
func FuzzEvaluate(f *testing.F) {
	f.Add("trigger.a[0]", "contains", `"x"`, `{"a": ["x"]}`)
	f.Add("trigger.*", "nexists", `null`, `{"a": null}`)
	f.Add("trigger.a#1", "lt", `[1, "a"]`, `{"a": [1, 2]}`)
	f.Add("trigger.a", "iregex", `"(?i)\\d+\\Z"`, `{"a": "x12\n"}`)
	f.Fuzz(func(t *testing.T, key, op, patternJSON, payloadJSON string) {
		var pattern, payload any
		if json.Unmarshal([]byte(patternJSON), &pattern) != nil || json.Unmarshal([]byte(payloadJSON), &payload) != nil {
			return
		}
		if isTemplated(pattern) {
			return
		}
		cs := []Criterion{{Key: key, Type: op, Pattern: pattern, Condition: "all2any"}}
		if _, err := Evaluate(context.Background(), cs, payload, WithNow(fixedNow)); err != nil {
			t.Fatalf("evaluating: %v", err)
		}
	})
}

// FuzzPythonRegex translates fuzzed Python regexes: never a panic, and a
// translated regex runs.
func FuzzPythonRegex(f *testing.F) {
	for _, s := range []string{`^a$`, `(?P<x>\d+)\1`, `[]a-z\w]`, `(?=x)`, `\x41\u0042\101`, `(?m)^a$`, `a{2,3}+`, `(?#c)x`} {
		f.Add(s, "a1\nB")
	}
	f.Fuzz(func(t *testing.T, pattern, subject string) {
		for _, mode := range []regexMode{modeSearch, modeSearchI, modeMatchDotal} {
			re, err := compilePython(pattern, mode)
			if err == nil {
				re.MatchString(subject)
			}
		}
		if re, err := compileWildcard(pattern); err == nil {
			re.MatchString(subject)
		} else {
			t.Fatalf("wildcard %q does not compile: %v", pattern, err)
		}
	})
}

var _ = time.Now
