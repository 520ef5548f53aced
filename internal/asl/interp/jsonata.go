package interp

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/asl/jsonata"
)

// jsonataField is a compiled "{% expr %}" template of a JSONata state.
type jsonataField struct {
	src   string
	field string // e.g. "Output/FunctionResult"
	prog  jsonataProgram
	refs  jsonataRefs
	// fast evaluates the common shapes without the engine, nil for others.
	fast fastExpr
}

// jsonataRefs lists what an expression may reference, so evaluation binds
// only those variables.
type jsonataRefs struct {
	names      []string // $name tokens other than $states
	states     bool
	context    bool
	allContext bool // $states referenced as a whole
}

func scanRefs(expr string) jsonataRefs {
	var r jsonataRefs
	seen := map[string]bool{}
	for i := 0; i < len(expr); i++ {
		if expr[i] != '$' {
			continue
		}
		j := i + 1
		for j < len(expr) && (isIdentStart(expr[j]) || (expr[j] >= '0' && expr[j] <= '9')) {
			j++
		}
		name := expr[i+1 : j]
		switch {
		case name == "states":
			r.states = true
			rest := expr[j:]
			if strings.HasPrefix(rest, ".context") {
				r.context = true
			} else if !strings.HasPrefix(rest, ".") {
				r.allContext = true
			}
		case name != "" && !seen[name]:
			seen[name] = true
			r.names = append(r.names, name)
		}
		i = j - 1
	}
	return r
}

func compileJSONataField(tmpl, ptr string) (*jsonataField, error) {
	expr := strings.TrimSpace(tmpl[2 : len(tmpl)-2])
	prog, err := compileJSONataProgram(expr)
	if err != nil {
		return nil, fmt.Errorf("compiling JSONata expression %q at %s: %w", expr, ptr, err)
	}
	return &jsonataField{src: expr, field: fieldName(ptr), prog: prog, refs: scanRefs(expr), fast: compileFastExpr(expr)}, nil
}

// fieldName turns a template pointer into Step Functions' field label:
// "/States/S/Output/a" becomes "Output/a".
func fieldName(ptr string) string {
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i := len(parts) - 3; i >= 0; i-- {
		if parts[i] == "States" {
			return strings.Join(parts[i+2:], "/")
		}
	}
	return strings.TrimPrefix(ptr, "/")
}

func (j *jsonataField) eval(env *evalEnv) (any, *Failure) {
	if j.fast != nil {
		if v, ok := j.fast.eval(env); ok {
			return v, nil
		}
	}
	vars := env.jsonataVars(&j.refs)
	v, err := j.prog.Eval(nil, vars, randomFunc(env.th.exec.in.random))
	if err != nil {
		return nil, j.failure(err)
	}
	if v == undefined {
		return nil, runtimeFail(ErrQueryEvaluation, "The JSONata expression '%s' specified for the field '%s' returned nothing (undefined).", j.src, j.field)
	}
	return normaliseJSONata(v), nil
}

// failure words an evaluation error with the field, as AWS does.
func (j *jsonataField) failure(err error) *Failure {
	var je *jsonata.Error
	if errors.As(err, &je) {
		return runtimeFail(ErrQueryEvaluation, "The JSONata expression '%s' specified for the field '%s' threw an error during evaluation. %s",
			j.src, j.field, je.Detail())
	}
	f := asFailure(err, ErrQueryEvaluation)
	f.runtime = true
	return f
}

// normaliseJSONata converts engine results to the generic JSON form. It
// never writes into v: a result may share arrays and objects with the
// state's input or variables, which concurrent Map iterations and Parallel
// branches read, so containers holding something to convert are copied.
func normaliseJSONata(v any) any {
	out, _ := normalised(v)
	return out
}

// normalised returns v in generic JSON form and whether that differs from v.
func normalised(v any) (any, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case []any:
		var out []any
		for i, e := range x {
			if n, changed := normalised(e); changed {
				if out == nil {
					out = slices.Clone(x)
				}
				out[i] = n
			}
		}
		if out != nil {
			return out, true
		}
	case map[string]any:
		var out map[string]any
		for k, e := range x {
			if n, changed := normalised(e); changed {
				if out == nil {
					out = maps.Clone(x)
				}
				out[k] = n
			}
		}
		if out != nil {
			return out, true
		}
	}
	return v, false
}

// jsonataVars returns the variables a JSONata expression sees: the
// workflow variables it references and $states.
func (e *evalEnv) jsonataVars(refs *jsonataRefs) map[string]any {
	vars := make(map[string]any, len(refs.names)+1)
	for _, name := range refs.names {
		if v, ok := e.th.vars.lookup(name); ok {
			vars[name] = v
		}
	}
	if !refs.states {
		return vars
	}
	states := map[string]any{"input": e.states.input}
	if refs.context || refs.allContext {
		states["context"] = e.contextObject()
	}
	if e.states.hasResult {
		states["result"] = e.states.result
	}
	if e.states.hasError {
		states["errorOutput"] = e.states.errorOutput
	}
	vars["states"] = states
	return vars
}
