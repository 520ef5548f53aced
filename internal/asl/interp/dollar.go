package interp

import (
	"strings"
)

// dollarPath is the value of a "key.$" field, or a *Path field, that is a
// path.
type dollarPath struct {
	p     *pathExpr
	field string // e.g. "value.$", for error messages
}

// compileDollarValue compiles the value of a "key.$" field: an intrinsic
// function call or a path.
func compileDollarValue(s, ptr, field string) (valueExpr, error) {
	if strings.HasPrefix(strings.TrimSpace(s), "States.") {
		return compileIntrinsic(s, field)
	}
	p, err := compilePath(s)
	if err != nil {
		return nil, err
	}
	return &dollarPath{p: p, field: field}, nil
}

func (d *dollarPath) eval(env *evalEnv) (any, *Failure) {
	v, found, err := d.p.eval(env)
	if err != nil || !found {
		return nil, fail(ErrRuntime, "The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'",
			d.p.src, d.field, mustJSON(env.input))
	}
	return v, nil
}
