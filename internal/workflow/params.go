package workflow

import (
	"errors"
	"fmt"
	"sort"

	"github.com/stormless/stormless/internal/asl/jsonata"
	"github.com/stormless/stormless/internal/workflow/expr"
)

// varParams is the JSONata variable RenderParameters binds the parameters
// to.
const varParams = "sl_params"

// RenderParameters fills in an action's parameter defaults the way
// StackStorm renders them: given values win; a default that is a Jinja or
// YAQL template (core.echo's cmd is 'echo "{{message}}"') is rendered with
// the given parameters as its variables. Templates are translated to
// JSONata and evaluated like the compiled workflows' expressions. A
// template that fails is an error naming the parameter.
func RenderParameters(defaults, given map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(defaults)+len(given))
	for k, v := range given {
		out[k] = v
	}
	names := make([]string, 0, len(defaults))
	for k := range defaults {
		names = append(names, k)
	}
	sort.Strings(names)
	var errs []error
	for _, name := range names {
		if _, ok := given[name]; ok {
			continue
		}
		v, err := renderDefault(defaults[name], given)
		if err != nil {
			errs = append(errs, fmt.Errorf("rendering the default of parameter %s: %w", name, err))
			continue
		}
		out[name] = v
	}
	return out, errors.Join(errs...)
}

// renderDefault renders one default value against the given parameters.
func renderDefault(def any, given map[string]any) (any, error) {
	s, ok := def.(string)
	if !ok || !expr.HasExpr(s) {
		return def, nil
	}
	scope := &expr.Scope{Names: func(n string) (string, bool) {
		return "$lookup($" + varParams + ", " + expr.Quote(n) + ")", true
	}}
	r, err := expr.TranslateTemplate(s, scope)
	if err != nil {
		return nil, err
	}
	e, err := jsonata.Compile(r.JSONata)
	if err != nil {
		return nil, err
	}
	v, err := e.Eval(nil, map[string]any{varParams: given})
	if errors.Is(err, jsonata.ErrUndefined) {
		return nil, nil
	}
	return v, err
}
