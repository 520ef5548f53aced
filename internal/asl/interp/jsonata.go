package interp

import (
	"fmt"
	"strings"
)

// jsonataField is a compiled "{% expr %}" template of a JSONata state.
type jsonataField struct {
	src   string
	field string // e.g. "Output/FunctionResult"
	prog  jsonataProgram
}

func compileJSONataField(tmpl, ptr string) (*jsonataField, error) {
	expr := strings.TrimSpace(tmpl[2 : len(tmpl)-2])
	prog, err := compileJSONataProgram(expr)
	if err != nil {
		return nil, fmt.Errorf("compiling JSONata expression %q at %s: %w", expr, ptr, err)
	}
	return &jsonataField{src: expr, field: fieldName(ptr), prog: prog}, nil
}

// fieldName turns a template pointer into Step Functions' field label:
// "/States/S/Output/a" becomes "Output/a".
func fieldName(ptr string) string {
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "States" {
			return strings.Join(parts[i+2:], "/")
		}
	}
	return strings.TrimPrefix(ptr, "/")
}

func (j *jsonataField) eval(env *evalEnv) (any, *Failure) {
	vars := env.jsonataVars()
	v, err := j.prog.Eval(env.input, vars)
	if err != nil {
		f := asFailure(err, ErrQueryEvaluation)
		if f.Name == ErrQueryEvaluation {
			f.Cause = fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' threw an error during evaluation. %s", j.src, j.field, f.Cause)
		}
		return nil, f
	}
	return normaliseJSONata(v), nil
}

// normaliseJSONata converts engine results to the generic JSON form.
func normaliseJSONata(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case []any:
		for i, e := range x {
			x[i] = normaliseJSONata(e)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = normaliseJSONata(e)
		}
	}
	return v
}

// jsonataVars returns the variables a JSONata expression sees: the
// workflow variables and $states.
func (e *evalEnv) jsonataVars() map[string]any {
	vars := e.th.vars.all()
	states := map[string]any{"input": e.states.input, "context": e.contextObject()}
	if e.states.hasResult {
		states["result"] = e.states.result
	}
	if e.states.hasError {
		states["errorOutput"] = e.states.errorOutput
	}
	vars["states"] = states
	return vars
}
