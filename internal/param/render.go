package param

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/nikolalohinski/gonja/v2/builtins"
	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/loaders"
)

// wholeExpr matches a template that is exactly one expression, whose value
// keeps its type (a number, a list, an object) when the parameter is not a
// string.
var wholeExpr = regexp.MustCompile(`^\s*\{\{\s*(.*?)\s*\}\}\s*$`)

// isTemplate reports whether s holds Jinja syntax.
func isTemplate(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%")
}

var renderEnv = &exec.Environment{
	Context:           exec.EmptyContext().Update(builtins.GlobalFunctions).Update(builtins.GlobalVariables),
	Filters:           exec.NewFilterSet(map[string]exec.FilterFunction{}).Update(builtins.Filters).Update(exec.NewFilterSet(st2Filters)),
	Tests:             builtins.Tests,
	ControlStructures: builtins.ControlStructures,
	Methods:           builtins.Methods,
}

// renderConfig is StackStorm's Jinja environment: undefined names fail,
// trim_blocks and lstrip_blocks.
var renderConfig = func() *config.Config {
	c := config.New()
	c.StrictUndefined = true
	c.TrimBlocks = true
	c.LeftStripBlocks = true
	return c
}()

// templates caches parsed templates by source, up to maxTemplates of them
// (sources come from pack files, but direct runs may pass any text).
var (
	templates    sync.Map
	templatesLen atomic.Int64
)

const maxTemplates = 4096

// renderString renders src with vars to text; engine panics become errors.
func renderString(src string, vars map[string]any) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("template engine failed: %v", r)
		}
	}()
	tpl, err := parse(src)
	if err != nil {
		return "", err
	}
	return tpl.ExecuteToString(exec.NewContext(vars))
}

func parse(src string) (tpl *exec.Template, err error) {
	if v, ok := templates.Load(src); ok {
		return v.(*exec.Template), nil
	}
	defer func() {
		if r := recover(); r != nil {
			tpl, err = nil, fmt.Errorf("template engine failed: %v", r)
		}
	}()
	loader, err := loaders.NewMemoryLoader(map[string]string{"/param": src})
	if err != nil {
		return nil, fmt.Errorf("loading template: %w", err)
	}
	tpl, err = exec.NewTemplate("/param", renderConfig, loader, renderEnv)
	if err != nil {
		return nil, fmt.Errorf("parsing template: %w", err)
	}
	if templatesLen.Load() < maxTemplates {
		if _, loaded := templates.LoadOrStore(src, tpl); !loaded {
			templatesLen.Add(1)
		}
	}
	return tpl, nil
}

// renderValue renders a template string. When the whole string is one
// expression and keepType is set, the expression's value is returned with
// its type; otherwise the rendered text.
func renderValue(src string, vars map[string]any, keepType bool) (any, error) {
	if keepType {
		if m := wholeExpr.FindStringSubmatch(src); m != nil && !strings.Contains(m[1], "}}") {
			out, err := renderString("{{ ("+m[1]+") | to_json_string }}", vars)
			if err == nil {
				var v any
				if json.Unmarshal([]byte(out), &v) == nil {
					return v, nil
				}
			}
		}
	}
	return renderString(src, vars)
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
	return err != nil && strings.Contains(err.Error(), "Unable to evaluate name")
}
