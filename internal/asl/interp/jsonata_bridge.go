package interp

import (
	"errors"
	"math/rand/v2"
	"sync"

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

// jsonataMu serialises JSONata evaluations. github.com/blues/jsonata-go
// (under asl/jsonata) writes the name and context of shared built-in
// function values on every call, a data race when Map iterations or
// Parallel branches evaluate concurrently (found by go test -race on
// FuzzRun). Remove once asl/jsonata guards it.
var jsonataMu sync.Mutex

func (p jsonataExpr) Eval(input any, vars map[string]any, random rand.Source) (any, error) {
	jsonataMu.Lock()
	defer jsonataMu.Unlock()
	v, err := p.e.EvalWith(input, vars, jsonata.WithRandom(random))
	if errors.Is(err, jsonata.ErrUndefined) {
		return undefined, nil
	}
	return v, err
}
