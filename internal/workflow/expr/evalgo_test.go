package expr

import (
	"reflect"
	"testing"

	"github.com/stormless/stormless/internal/asl/jsonata"
)

// TestEvaluateWithInterpreterJSONata evaluates the translations with the
// JSONata the local interpreter uses, so that what compiles also runs
// locally.
func TestEvaluateWithInterpreterJSONata(t *testing.T) {
	scope := evalScope()
	for _, c := range evalCases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := Translate(c.src, c.dialect, scope)
			if err != nil {
				t.Fatalf("Translate(%q): %v", c.src, err)
			}
			e, err := jsonata.Compile(tr.JSONata)
			if err != nil {
				t.Fatalf("compiling %s: %v", tr.JSONata, err)
			}
			got, err := e.Eval(map[string]any{}, evalBindings())
			if err != nil {
				t.Fatalf("evaluating %s: %v", tr.JSONata, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s\n  as %s\ngot  %#v\nwant %#v", c.src, tr.JSONata, got, c.want)
			}
		})
	}
}

// templateCases are template strings and the text StackStorm renders for
// them: Jinja prints Python's True/False/None inside text, YAQL prints
// true/false/null.
var templateCases = []struct{ src, want string }{
	{"ok: {{ ctx().n > 2 }}", "ok: True"},
	{"ok: {{ ctx().n > 5 }}", "ok: False"},
	{"flag: {{ ctx().flag }}, none: {{ ctx().nothing }}", "flag: True, none: None"},
	{"{{ ctx().name }} has {{ ctx().n }}", "world has 3"},
	{"ok: <% ctx().n > 2 %>", "ok: true"},
}

// templateBindings are evalBindings with a boolean and a null variable.
func templateBindings() map[string]any {
	b := evalBindings()
	b["flag"] = true
	b["nothing"] = nil
	return b
}

func templateScope() *Scope {
	s := evalScope()
	s.Vars = append(s.Vars, "flag", "nothing")
	return s
}

func TestTemplatesWithInterpreterJSONata(t *testing.T) {
	for _, c := range templateCases {
		r, err := TranslateTemplate(c.src, templateScope())
		if err != nil {
			t.Fatalf("TranslateTemplate(%q): %v", c.src, err)
		}
		e, err := jsonata.Compile(r.JSONata)
		if err != nil {
			t.Fatalf("compiling %s: %v", r.JSONata, err)
		}
		got, err := e.Eval(map[string]any{}, templateBindings())
		if err != nil {
			t.Fatalf("evaluating %s: %v", r.JSONata, err)
		}
		if got != c.want {
			t.Errorf("%s\n  as %s\ngot  %#v\nwant %q", c.src, r.JSONata, got, c.want)
		}
	}
}
