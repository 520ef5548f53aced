package jinja_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/nodes"

	"github.com/stormless/stormless/internal/jinja"
)

func TestRender(t *testing.T) {
	vars := map[string]any{
		"s":    "a\"b\\c",
		"n":    3,
		"list": []any{1, "x"},
		"obj":  map[string]any{"k": "v"},
		"json": `{"a": [1, 2]}`,
	}
	tests := []struct {
		name string
		src  string
		want string
	}{
		{name: "plain text", src: "hello", want: "hello"},
		{name: "variable", src: "{{ n }}", want: "3"},
		{name: "to_json_string list", src: "{{ list | to_json_string }}", want: `[1,"x"]`},
		{name: "to_json_string object", src: "{{ obj | to_json_string }}", want: `{"k":"v"}`},
		{name: "to_json_string list literal", src: "{{ [1, 'a', [true]] | to_json_string }}", want: `[1,"a",[true]]`},
		{name: "to_json_string dict literal", src: "{{ {'a': [1], 'b': n} | to_json_string }}", want: `{"a":[1],"b":3}`},
		{name: "to_complex", src: "{{ obj | to_complex }}", want: `{"k":"v"}`},
		{name: "from_json_string", src: "{{ (json | from_json_string).a | length }}", want: "2"},
		{name: "from_json_string keeps integers", src: "{{ (json | from_json_string).a[1] + 1 }}", want: "3"},
		{name: "from_json_string floats", src: `{{ ('{"f": 1.5}' | from_json_string).f * 2 }}`, want: "3.0"},
		{name: "json_escape", src: "{{ s | json_escape }}", want: `a\"b\\c`},
		{name: "builtin filter", src: "{{ 'abc' | upper }}", want: "ABC"},
		{name: "trim_blocks", src: "{% if true %}\nyes\n{% endif %}\n", want: "yes\n"},
		{name: "lstrip_blocks", src: "  {% if true %}\nyes\n  {% endif %}\n", want: "yes\n"},
		{name: "for loop", src: "{% for x in list %}{{ x }},{% endfor %}", want: "1,x,"},
		{name: "defined test", src: "{{ missing is defined }}", want: "False"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jinja.Render(tt.src, vars)
			if err != nil {
				t.Fatalf("Render(%q): %v", tt.src, err)
			}
			if got != tt.want {
				t.Errorf("Render(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		undefined bool
		contains  string
	}{
		{name: "strict undefined", src: "{{ missing }}", undefined: true, contains: "Unable to evaluate name"},
		{name: "undefined in expression", src: "{{ missing | upper }}", undefined: true, contains: "missing"},
		{name: "syntax", src: "{{ 1 + }}", contains: "parsing template"},
		{name: "unclosed block", src: "{% if true %}x", contains: "parsing template"},
		{name: "unknown filter", src: "{{ 1 | decrypt_kv }}", contains: "decrypt_kv"},
		{name: "bad JSON", src: "{{ 'nope' | from_json_string }}", contains: "from_json_string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := jinja.Render(tt.src, map[string]any{})
			var jerr *jinja.Error
			if !errors.As(err, &jerr) {
				t.Fatalf("Render(%q) error = %v, want a *jinja.Error", tt.src, err)
			}
			if jerr.Template != tt.src {
				t.Errorf("Template = %q, want %q", jerr.Template, tt.src)
			}
			if got := errors.Is(err, jinja.ErrUndefined); got != tt.undefined {
				t.Errorf("errors.Is(%v, ErrUndefined) = %v, want %v", err, got, tt.undefined)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q, want it to contain %q", err, tt.contains)
			}
		})
	}
}

func TestWithFilters(t *testing.T) {
	env, err := jinja.New(jinja.WithFilters(map[string]exec.FilterFunction{
		"decrypt_kv": jinja.Identity,
		"to_complex": func(_ *exec.Evaluator, _ *exec.Value, _ *exec.VarArgs) *exec.Value { return exec.AsValue("replaced") },
	}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src, want string
	}{
		{name: "added filter", src: "{{ 'x' | decrypt_kv }}", want: "x"},
		{name: "replaced filter", src: "{{ 1 | to_complex }}", want: "replaced"},
		{name: "st2 filter kept", src: "{{ list | to_json_string }}", want: "[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := env.Render(tt.src, map[string]any{"list": []any{1}})
			if err != nil || got != tt.want {
				t.Errorf("Render(%q) = %q, %v, want %q", tt.src, got, err, tt.want)
			}
		})
	}
	if _, err := jinja.Render("{{ 'x' | decrypt_kv }}", nil); err == nil {
		t.Error("default environment has decrypt_kv, want it only where added")
	}
	if _, err := jinja.New(jinja.WithFilters(map[string]exec.FilterFunction{"bad": nil})); err == nil {
		t.Error("New with a nil filter: got no error, want one")
	}
}

func TestWithRewrite(t *testing.T) {
	env := jinja.MustNew(jinja.WithRewrite(func(root nodes.Node) {
		for _, n := range root.(*nodes.Template).Nodes {
			if d, ok := n.(*nodes.Data); ok {
				d.Data.Val = strings.ToUpper(d.Data.Val)
			}
		}
	}))
	got, err := env.Render("abc{{ 'd' }}", nil)
	if err != nil || got != "ABCd" {
		t.Errorf("Render = %q, %v, want %q", got, err, "ABCd")
	}
}

func TestPanicRecovered(t *testing.T) {
	env := jinja.MustNew(jinja.WithFilters(map[string]exec.FilterFunction{
		"boom": func(_ *exec.Evaluator, _ *exec.Value, _ *exec.VarArgs) *exec.Value { panic("boom") },
	}))
	_, err := env.Render("{{ 1 | boom }}", nil)
	var jerr *jinja.Error
	if !errors.As(err, &jerr) || !strings.Contains(err.Error(), "template engine failed: boom") {
		t.Errorf("Render error = %v, want a *jinja.Error saying the engine failed", err)
	}
}

func TestRenderCached(t *testing.T) {
	env := jinja.MustNew()
	for i, want := range []string{"1", "2"} {
		got, err := env.Render("{{ n }}", map[string]any{"n": i + 1})
		if err != nil || got != want {
			t.Errorf("render %d = %q, %v, want %q", i, got, err, want)
		}
	}
}
