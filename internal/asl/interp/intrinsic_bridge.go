package interp

import (
	"fmt"
	"math/rand/v2"

	"github.com/stormless/stormless/internal/asl/intrinsic"
)

// intrinsicCall is a compiled intrinsic function call such as
// States.Format('{}', $.x), its path arguments compiled once.
type intrinsicCall struct {
	call  *intrinsic.Call
	paths map[string]*pathExpr
	field string
}

// compileIntrinsic parses an intrinsic function call and its paths.
func compileIntrinsic(s, field string) (valueExpr, error) {
	call, err := intrinsic.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("parsing intrinsic function in %s: %w", field, err)
	}
	c := &intrinsicCall{call: call, paths: map[string]*pathExpr{}, field: field}
	for _, p := range call.Paths() {
		pe, err := compilePath(p)
		if err != nil {
			return nil, fmt.Errorf("compiling intrinsic function argument %s: %w", p, err)
		}
		c.paths[p] = pe
	}
	return c, nil
}

func (c *intrinsicCall) eval(env *evalEnv) (any, *Failure) {
	v, err := c.call.Eval(intrinsicEnv{c: c, env: env})
	if err != nil {
		return nil, asFailure(err, ErrIntrinsicFailure)
	}
	return v, nil
}

// intrinsicEnv resolves path arguments and supplies randomness.
type intrinsicEnv struct {
	c   *intrinsicCall
	env *evalEnv
}

func (ie intrinsicEnv) Resolve(p string) (any, error) {
	pe := ie.c.paths[p]
	if pe == nil {
		var err error
		if pe, err = compilePath(p); err != nil {
			return nil, err
		}
	}
	v, found, _ := pe.eval(ie.env)
	if !found {
		return nil, runtimeFail(ErrRuntime, "The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'",
			p, ie.c.field, mustJSON(ie.env.input))
	}
	return v, nil
}

// RandomSource draws from the interpreter's random function.
func (ie intrinsicEnv) RandomSource() rand.Source {
	return randomFunc(ie.env.th.exec.in.random)
}

type randomFunc func() float64

func (f randomFunc) Uint64() uint64 { return uint64(f()*(1<<63)) << 1 }
