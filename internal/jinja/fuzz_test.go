package jinja_test

import (
	"errors"
	"testing"

	"github.com/stormless/stormless/internal/jinja"
)

// FuzzRender checks that any template renders or fails with a *jinja.Error:
// engine panics never escape.
func FuzzRender(f *testing.F) {
	for _, src := range []string{
		"{{ x }}", "{{ x | to_json_string }}", "{{ '{\"a\":1}' | from_json_string }}",
		"{% for i in l %}{{ i }}{% endfor %}", "{{ 'a' % 1 }}", "{{ missing }}",
		"{% if %}", "{{ l[10] }}", "{{ x | json_escape }}", "{{ (l | to_complex) ~ '' }}",
	} {
		f.Add(src)
	}
	vars := map[string]any{"x": "a\"b", "l": []any{1, "two", map[string]any{"k": nil}}}
	f.Fuzz(func(t *testing.T, src string) {
		_, err := jinja.Render(src, vars)
		var jerr *jinja.Error
		if err != nil && !errors.As(err, &jerr) {
			t.Errorf("Render(%q) error %v (%T), want a *jinja.Error", src, err, err)
		}
	})
}
