package interp

import (
	"errors"
	"sync"

	xjsonata "github.com/xiatechs/jsonata-go"
)

// jsonataProgram is a compiled JSONata expression. Eval returns undefined
// (the package value) when the expression has no value.
type jsonataProgram interface {
	Eval(input any, vars map[string]any) (any, error)
}

// compileJSONataProgram compiles expr. It is a variable so the JSONata
// engine can be swapped behind this one function.
var compileJSONataProgram = func(expr string) (jsonataProgram, error) {
	e, err := xjsonata.Compile(expr)
	if err != nil {
		return nil, err
	}
	return &xiatechsProgram{e: e}, nil
}

// xiatechsProgram adapts xiatechs/jsonata-go, whose variables are bound on
// the compiled expression, so evaluations are serialised.
type xiatechsProgram struct {
	mu sync.Mutex
	e  *xjsonata.Expr
}

func (p *xiatechsProgram) Eval(input any, vars map[string]any) (any, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.e.RegisterVars(vars); err != nil {
		return nil, err
	}
	v, err := p.e.Eval(input)
	if errors.Is(err, xjsonata.ErrUndefined) {
		return undefined, nil
	}
	return v, err
}
