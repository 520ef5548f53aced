package rule

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/envelope"
	"github.com/stormless/stormless/internal/pack"
)

// verdicts are the two ways of deciding a rule on one event.
type verdicts struct {
	direct       bool // StackStorm semantics alone (trigger assumed matched)
	pattern      bool // the event pattern
	patternThen  bool // pattern, then residual: what the engines do
	testFunction bool // Test's verdict
}

// decideBothWays compiles r and decides the payload, wrapped in r's own
// trigger envelope, both ways. ok is false when the rule does not compile.
func decideBothWays(ctx context.Context, r *pack.Rule, c *Compiled, payload any, opts ...Option) (v verdicts, ok bool, err error) {
	event, err := json.Marshal(envelope.New(r.Trigger.Type, r.Trigger.Parameters, payload))
	if err != nil {
		return v, false, nil
	}
	decoded, err := decodeJSON(event)
	if err != nil {
		return v, false, err
	}
	p, _ := envelope.Payload(r.Trigger.Type, decoded)
	direct, err := Evaluate(ctx, c.Criteria, p, opts...)
	if err != nil {
		return v, false, err
	}
	v.direct = direct.Match
	pats, err := c.patterns()
	if err != nil {
		return v, false, err
	}
	if v.pattern, err = pats.whole.Match(event); err != nil {
		return v, false, err
	}
	residual, err := c.CheckResidual(ctx, p, opts...)
	if err != nil {
		return v, false, err
	}
	v.patternThen = v.pattern && residual.Match
	tr, err := Test(ctx, c, event, opts...)
	if err != nil {
		return v, false, err
	}
	v.testFunction = tr.Match
	m, err := c.Match(ctx, event, opts...)
	if err != nil {
		return v, false, err
	}
	if m != v.patternThen {
		return v, false, fmt.Errorf("got Match %v, want %v (pattern then residual)", m, v.patternThen)
	}
	return v, true, nil
}

// checkDifferential fails t when pattern-then-residual disagrees with
// StackStorm's semantics, or when the pattern drops an accepted event.
func checkDifferential(t testing.TB, r *pack.Rule, c *Compiled, payload any, opts ...Option) {
	t.Helper()
	if c == nil {
		return
	}
	v, ok, err := decideBothWays(context.Background(), r, c, payload, opts...)
	if err != nil {
		t.Fatalf("rule %s, payload %s: %v", r.Ref, show(payload), err)
	}
	if !ok {
		return
	}
	if v.direct && !v.pattern {
		t.Errorf("rule %s: the pattern %s drops payload %s that StackStorm accepts", r.Ref, show(c.EventPattern), show(payload))
	}
	if v.patternThen != v.direct {
		t.Errorf("rule %s, payload %s: got pattern-then-residual %v, want %v (StackStorm); compiled %s", r.Ref, show(payload), v.patternThen, v.direct, show(c))
	}
	if v.testFunction != v.direct {
		t.Errorf("rule %s, payload %s: got Test %v, want %v", r.Ref, show(payload), v.testFunction, v.direct)
	}
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// webhookRule is a rule on the "sample" webhook with the given criteria.
func webhookRule(name string, criteria ...pack.Criterion) *pack.Rule {
	return &pack.Rule{
		Ref:      "test." + name,
		Pack:     "test",
		Name:     name,
		Trigger:  pack.RuleTrigger{Type: "core.st2.webhook", Parameters: map[string]any{"url": "sample"}},
		Criteria: criteria,
	}
}

var (
	operatorNames = []string{
		"equals", "nequals", "iequals", "lessthan", "greaterthan", "contains", "ncontains", "icontains",
		"incontains", "startswith", "istartswith", "endswith", "iendswith", "matchwildcard", "regex",
		"iregex", "matchregex", "exists", "nexists", "inside", "ninside", "timediff_lt", "timediff_gt", "EQ", "In",
	}
	patternSamples = []any{
		"abc", "ABC", "a", "", "k", "a*c", "a?c", "[ab]bc", `a\c`, "^a.c$", "^ab?", `^a\.`, "^ab|x", "ab+c", "abc\n", "a\r\nb", 1, 0, 1.5, -2, true, false, nil,
		[]any{"abc", 1, true}, []any{}, []any{0.5}, []any{[]any{"abc"}}, map[string]any{"abc": 1}, "10", 5e9 + 1,
	}
	valueSamples = []any{
		"abc", "ABC", "abcd", "xabc", "aXc", "a", "", "K", "\u212a", "\u212abc", 1, 1.0, 0, 1.5, -2, true, false, nil,
		[]any{"abc"}, []any{"abc", "x"}, []any{}, []any{1, true}, map[string]any{"abc": 1}, "a\\c", "a\nc",
		"abc\n", "a\nb", "a\r\nb",
		"2014-07-01T00:01:01.000000", 5e9 + 1, 1e300, 1.0000001, 0.9999999, 2.0000001,
	}
)

// payloadsFor places a value at trigger.body.x, absent, and below an
// array of objects.
func payloadsFor(v any) []any {
	return []any{
		map[string]any{"body": map[string]any{"x": v}},
		map[string]any{"body": []any{map[string]any{"x": v}}},
		map[string]any{"body": map[string]any{"x": v, "y": v}},
	}
}

// TestDifferentialOperators checks pattern-then-residual against
// StackStorm semantics for every operator, pattern and value sample.
func TestDifferentialOperators(t *testing.T) {
	ops := operatorNames
	if testing.Short() {
		ops = ops[:6]
	}
	for _, op := range ops {
		for pi, p := range patternSamples {
			r := webhookRule(fmt.Sprintf("%s_%d", op, pi), pack.Criterion{Key: "trigger.body.x", Type: op, Pattern: p})
			t.Run(r.Name, func(t *testing.T) {
				c, _ := Compile(r)
				for _, v := range valueSamples {
					for _, payload := range payloadsFor(v) {
						checkDifferential(t, r, c, payload, WithNow(fixedNow))
					}
				}
				checkDifferential(t, r, c, map[string]any{"body": map[string]any{}})
				checkDifferential(t, r, c, map[string]any{})
			})
		}
	}
}

func fixedNow() time.Time { return testNow }

// conforms reports whether v has the JSON Schema type t (null never does).
func conforms(v any, t string) bool {
	n, err := normalize(v)
	if err != nil {
		return false
	}
	switch x := n.(type) {
	case string:
		return t == "string"
	case bool:
		return t == "boolean"
	case number:
		return t == "number" || (t == "integer" && x.rat().IsInt())
	case map[string]any:
		return t == "object"
	}
	return false
}

// TestDifferentialTrustedSchema checks exactness claims made under a
// trusted payload schema, on payloads that conform to it.
func TestDifferentialTrustedSchema(t *testing.T) {
	for _, typ := range []string{"string", "number", "integer", "boolean", "object"} {
		schema := map[string]any{"type": "object", "properties": map[string]any{
			"body": map[string]any{"type": "object", "properties": map[string]any{"x": map[string]any{"type": typ}}},
		}}
		for _, op := range operatorNames[:min(len(operatorNames), shortLimit())] {
			for pi, p := range patternSamples {
				r := webhookRule(fmt.Sprintf("%s_%s_%d", typ, op, pi), pack.Criterion{Key: "trigger.body.x", Type: op, Pattern: p})
				c, _ := Compile(r, WithTrustedPayloadSchema(schema))
				for _, v := range valueSamples {
					if conforms(v, typ) {
						checkDifferential(t, r, c, map[string]any{"body": map[string]any{"x": v}}, WithNow(fixedNow))
					}
				}
				checkDifferential(t, r, c, map[string]any{"body": map[string]any{}}, WithNow(fixedNow))
			}
		}
	}
}

// shortLimit bounds operator loops under -short.
func shortLimit() int {
	if testing.Short() {
		return 6
	}
	return 1 << 30
}

// TestDifferentialSearch checks search criteria, whose "any" condition
// reaches the pattern through EventBridge's array consistency.
func TestDifferentialSearch(t *testing.T) {
	childSets := []map[string]any{
		{"item.a": map[string]any{"type": "equals", "pattern": "x"}, "item.b": map[string]any{"type": "startswith", "pattern": "p"}},
		{"item.a": map[string]any{"type": "inside", "pattern": []any{"x", "y"}}},
		{"item.a#1": map[string]any{"type": "equals", "pattern": "x"}, "item.a#2": map[string]any{"type": "endswith", "pattern": "x"}},
		{"item.a.b": map[string]any{"type": "eq", "pattern": 1}, "item.c": map[string]any{"type": "regex", "pattern": "^z"}},
		{"item.a": map[string]any{"type": "exists"}, "item.b": "not a criterion"}, // rejected by Compile
		{"item": map[string]any{"type": "equals", "pattern": "x"}},
	}
	items := []any{
		[]any{}, []any{map[string]any{}}, []any{map[string]any{"a": "x", "b": "pq"}},
		[]any{map[string]any{"a": "x"}, map[string]any{"b": "pq"}}, map[string]any{"a": "x", "b": "pq"}, "xx", "x",
		[]any{map[string]any{"a": []any{"x"}, "b": "p"}}, []any{[]any{map[string]any{"a": "x", "b": "p"}}},
		[]any{map[string]any{"a": map[string]any{"b": 1}, "c": "z"}}, []any{map[string]any{"a": map[string]any{"b": true}, "c": "zz"}},
		nil, 5, []any{"x"}, []any{map[string]any{"a": "y", "b": "p"}, map[string]any{"a": "x", "b": "q"}},
	}
	for ci, children := range childSets {
		for _, cond := range []string{"any", "all", "all2any", "any2any"} {
			r := webhookRule(fmt.Sprintf("search_%d_%s", ci, cond), pack.Criterion{Key: "trigger.body.items", Type: "search", Condition: cond, Pattern: children})
			c, err := Compile(r)
			if ci == 4 {
				if err == nil {
					t.Errorf("compiling %s: got no error for a child that is not a map", r.Ref)
				}
				continue
			}
			if err != nil {
				t.Fatalf("compiling %s: %v", r.Ref, err)
			}
			for _, it := range items {
				checkDifferential(t, r, c, map[string]any{"body": map[string]any{"items": it}})
			}
		}
	}
}
