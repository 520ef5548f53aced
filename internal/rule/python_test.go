package rule

import (
	"context"
	"math"
	"testing"
)

func TestPythonValues(t *testing.T) {
	tests := []struct {
		name    string
		op      string
		value   any
		pattern any
		want    bool
	}{
		{"True equals 1", "equals", true, 1, true},
		{"False equals 0.0", "equals", false, 0.0, true},
		{"1 equals 1.0", "equals", 1, 1.0, true},
		{"string is not number", "equals", "1", 1, false},
		{"lists compare whole", "equals", []any{"a", 1}, []any{"a", true}, true},
		{"list is not its element", "equals", []any{"a"}, "a", false},
		{"dicts compare whole", "equals", map[string]any{"a": 1}, map[string]any{"a": 1.0}, true},
		{"contains on a list is membership", "contains", []any{"v1", true}, "v1", true},
		{"contains on a dict is key membership", "contains", map[string]any{"k": 1}, "k", true},
		{"contains on a number raises", "contains", 5, "5", false},
		{"ncontains on a number raises, not true", "ncontains", 5, "5", false},
		{"lessthan on lists is lexicographic", "lessthan", []any{1, 2}, []any{1, 3}, true},
		{"lessthan across types raises", "lessthan", "a", 1, false},
		{"bool orders as int", "lessthan", true, 2, true},
		{"inside a string is substring", "inside", "bc", "abcd", true},
		{"inside a dict is key membership", "inside", "k", map[string]any{"k": 1}, true},
		{"ninside on a non-container raises", "ninside", "a", 5, false},
		{"iequals needs strings", "iequals", 1, "1", false},
		{"istartswith lower-cases dotted I", "istartswith", "İx", "i\u0307", true},
		{"iequals medial sigma at the end", "iequals", "\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c3", false},
		{"iequals final sigma", "iequals", "\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2", true},
		{"startswith needs a str pattern", "startswith", "abc", []any{"a"}, false},
		{"nequals on absent", "nequals", nil, "x", true},
		{"nequals null null", "nequals", nil, nil, false},
		{"big ints are exact", "equals", map[string]any{"n": 9007199254740993}, map[string]any{"n": 9007199254740992.0}, false},
		{"infinity orders above ints", "lessthan", 1, floatNumber(math.Inf(1)), true},
		{"timediff with numeric string", "timediff_gt", "2014-07-01T00:01:01Z", "1", true},
		{"timediff with garbage period", "timediff_gt", "2014-07-01T00:01:01Z", "soon", false},
		{"timediff with timezone", "timediff_lt", "2026-11-27T13:59:59+02:00", 10, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := applyOperator(tt.op, tt.value, tt.pattern, testNow)
			if got != tt.want {
				t.Errorf("%s(%v, %v): got %v (err %v), want %v", tt.op, tt.value, tt.pattern, got, err, tt.want)
			}
		})
	}
}

func TestKeyLookup(t *testing.T) {
	payload := map[string]any{
		"a":       map[string]any{"b": "x"},
		"list":    []any{"first", map[string]any{"c": 2}},
		"headers": map[string]any{"X-Token": "t"},
		"n":       nil,
		"objs":    []any{map[string]any{"v": 1}},
	}
	tests := []struct {
		name  string
		key   string
		want  any
		found bool
	}{
		{"nested field", "trigger.a.b", "x", true},
		{"suffix is stripped", "trigger.a.b#2", "x", true},
		{"index", "trigger.list[0]", "first", true},
		{"negative index", "trigger.list[-1].c", 2, true},
		{"bracketed name", "trigger.headers['X-Token']", "t", true},
		{"dashed name", "trigger.headers.X-Token", "t", true},
		{"null is absent", "trigger.n", nil, false},
		{"fields do not reach into lists", "trigger.objs.v", nil, false},
		{"slice reaches into lists", "trigger.objs[*].v", 1, true},
		{"other roots find nothing", "t1_p", nil, false},
		{"the whole payload", "trigger", payload, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Evaluate(context.Background(), []Criterion{{Key: tt.key, Type: "exists"}}, payload)
			if err != nil {
				t.Fatal(err)
			}
			x := res.Criteria[0]
			if x.Found != tt.found {
				t.Errorf("%s: got found %v, want %v (%+v)", tt.key, x.Found, tt.found, x)
			}
			if tt.found && !pyEqual(x.Value, mustNormalize(t, tt.want)) {
				t.Errorf("%s: got %v, want %v", tt.key, x.Value, tt.want)
			}
		})
	}
}

func mustNormalize(t *testing.T, v any) any {
	t.Helper()
	n, err := normalize(v)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRenderPattern(t *testing.T) {
	vars := map[string]any{"trigger": mustNormalize(t, map[string]any{
		"s": "v1", "n": 1, "b": true, "l": []any{"a", 1}, "o": map[string]any{"k": "v"},
	})}
	ds := MapDatastore{"greeting": "hello", "num": "42", "a.b": "nested"}
	tests := []struct {
		name    string
		pattern any
		want    any
		wantErr bool
	}{
		{"not a template", "{x}", "{x}", false},
		{"a literal loses one trailing newline, as Jinja renders it", "abc\n\n", "abc\n", false},
		{"a literal's newlines are normalized", "a\r\nb\rc", "a\nb\nc", false},
		{"typed int", "{{ trigger.n }}", 1, false},
		{"typed bool", "{{trigger.b}}", true, false},
		{"typed list", "{{ trigger.l }}", []any{"a", 1}, false},
		{"typed dict", "{{ trigger.o }}", map[string]any{"k": "v"}, false},
		{"text around falls back to plain", "pre{{ trigger.s }}post", "prev1post", false},
		{"datastore value", "{{ st2kv.system.greeting }}", "hello", false},
		{"datastore number string stays a string", "{{ st2kv.system.num }}", "42", false},
		{"dotted datastore key", "{{ st2kv.system.a.b }}", "nested", false},
		{"missing datastore key is empty", "{{ st2kv.system.nope }}", "", false},
		{"system scope", "{{ system.greeting }}", "hello", false},
		{"percent formatting", "x{{ '%s' % trigger.s }}", "xv1", false},
		{"percent formatting of the to_complex text fails as in StackStorm", "{{ '%s-%s' % (trigger.s, trigger.n) }}", nil, true},
		{"undefined is an error", "{{ trigger.missing }}", nil, true},
		{"from_json_string", `{{ '{"a": [1]}' | from_json_string }}`, map[string]any{"a": []any{1}}, false},
		{"to_json_string", "x{{ trigger.l | to_json_string }}", `x["a",1]`, false},
		{"json_escape", `x{{ 'a"b' | json_escape }}`, `xa\"b`, false},
		{"regex_match is anchored", "{{ trigger.s | regex_match('1') }}", false, false},
		{"regex_search", "{{ trigger.s | regex_search('1') }}", true, false},
		{"regex_match ignorecase", "{{ trigger.s | regex_match('V', true) }}", true, false},
		{"basename", "{{ '/a/b.txt' | basename }}", "b.txt", false},
		{"trim and lstrip blocks", "a\n  {% if true %}\nb\n  {% endif %}\nc", "a\nb\nc", false},
		{"syntax error", "{{ trigger.s ", nil, true},
		{"non-strings are not rendered", 5, 5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := renderPattern(context.Background(), mustNormalize(t, tt.pattern), vars, ds)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && !pyEqual(got, mustNormalize(t, tt.want)) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}
