package expr

import "testing"

// FuzzTranslateTemplate checks that parsing and translating any string
// never panics, and that a translation succeeds only with a non-empty
// result.
func FuzzTranslateTemplate(f *testing.F) {
	for _, s := range []string{
		"<% ctx(cmd) %>", "{{ ctx().x | default('y') }}", "a <% ctx().n + 1 %> b",
		"<% task(t).result.items.select($.result.stdout) %>", "{{ [1, {'a': (2)}][0] }}",
		"<% st2kv(ctx().k, decrypt => true) %>", "{{ 'a' if x is defined else 'b' }}",
		"<% regex_replace(ctx().s, '(a)', '\\1') %>", "{% $x %}", "<% not (1 = 2) or -3 mod 2 %>",
		"{{ ctx().a ~ ctx().b }}", "<% $ %>", "{{ x.0 }}", "<% ((((1)))) %>",
	} {
		f.Add(s)
	}
	scope := &Scope{Vars: []string{"cmd", "x", "n", "a", "b", "k", "s"}, Record: "$states.input", Item: "$i", ItemNames: []string{"p"}}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := TranslateTemplate(s, scope)
		if err == nil && r.IsExpr() && r.JSONata == "" {
			t.Errorf("TranslateTemplate(%q): empty translation", s)
		}
		for _, d := range []Dialect{YAQL, Jinja} {
			if n, err := Parse(s, d); err == nil {
				FindRefs(n)
				_, _ = TranslateNode(n, s, scope)
			}
		}
	})
}
