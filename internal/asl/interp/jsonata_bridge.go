package interp

import (
	"errors"
	"math/rand/v2"

	"github.com/stormless/stormless/internal/asl/jsonata"
)

// jsonataProgram is a compiled JSONata expression. Eval returns undefined
// (the package value) when the expression has no value.
type jsonataProgram interface {
	Eval(input any, vars map[string]any, random rand.Source) (any, error)
}

// compileJSONataProgram compiles expr with the asl/jsonata package.
func compileJSONataProgram(expr string) (jsonataProgram, error) {
	e, err := jsonata.Compile(expr)
	if err != nil {
		return nil, err
	}
	return jsonataExpr{e}, nil
}

type jsonataExpr struct{ e *jsonata.Expr }

func (p jsonataExpr) Eval(input any, vars map[string]any, random rand.Source) (any, error) {
	v, err := p.e.EvalWith(input, vars, jsonata.WithRandom(random))
	if errors.Is(err, jsonata.ErrUndefined) {
		return undefined, nil
	}
	return v, err
}
