package param

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"

	"github.com/stormless/stormless/internal/jinja"
)

// wholeExpr matches a template that is exactly one expression, whose value
// keeps its type (a number, a list, an object) when the parameter is not a
// string.
var wholeExpr = regexp.MustCompile(`^\s*\{\{\s*(.*?)\s*\}\}\s*$`)

// isTemplate reports whether s holds Jinja syntax.
func isTemplate(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%")
}

// env is StackStorm's Jinja environment for parameters. decrypt_kv passes
// its value through: st2kv lookups it follows are fetched decrypted
// beforehand (see kvVars).
var env = jinja.MustNew(jinja.WithFilters(map[string]exec.FilterFunction{
	"decrypt_kv": jinja.Identity,
}))

// renderValue renders a template string. When the whole string is one
// expression and keepType is set, the expression's value is returned with
// its type; otherwise the rendered text.
func renderValue(src string, vars map[string]any, keepType bool) (any, error) {
	if keepType {
		if m := wholeExpr.FindStringSubmatch(src); m != nil && !strings.Contains(m[1], "}}") {
			out, err := env.Render("{{ ("+m[1]+") | to_json_string }}", vars)
			if err == nil {
				var v any
				if json.Unmarshal([]byte(out), &v) == nil {
					return v, nil
				}
			}
		}
	}
	return env.Render(src, vars)
}

// renderAny renders every template string inside v (maps and lists
// included), keeping types of whole-expression strings when keepType.
func renderAny(v any, vars map[string]any, keepType bool) (any, error) {
	switch x := v.(type) {
	case string:
		if !isTemplate(x) {
			return x, nil
		}
		return renderValue(x, vars, keepType)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			r, err := renderAny(e, vars, true)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := renderAny(e, vars, true)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

// errUndefined reports whether a render failed on a name not (yet)
// defined, so a default can wait for the parameter it names.
func errUndefined(err error) bool {
	return errors.Is(err, jinja.ErrUndefined)
}
