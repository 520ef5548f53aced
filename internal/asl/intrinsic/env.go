package intrinsic

import "math/rand/v2"

// Env is what a call needs from the interpreter: Resolve returns the value
// of a path argument ("$.x", "$$.Execution.Id", "$var.y", or an indefinite
// JSONPath), or an error (typically the path package's *NotFoundError),
// which Eval returns wrapped.
type Env interface {
	Resolve(path string) (any, error)
}

// RandomEnv is an Env that also supplies the randomness of States.UUID and
// of States.MathRandom without a seed, so that tests are deterministic.
// RandomSource may be called concurrently by concurrent evaluations; the
// source it returns is used by one evaluation at a time.
type RandomEnv interface {
	Env
	RandomSource() rand.Source
}

// EnvFunc adapts a function to Env.
type EnvFunc func(path string) (any, error)

// Resolve calls f(path).
func (f EnvFunc) Resolve(path string) (any, error) { return f(path) }

// globalSource draws from math/rand/v2's goroutine-safe generator.
type globalSource struct{}

// Uint64 returns a random uint64.
func (globalSource) Uint64() uint64 { return rand.Uint64() }

// randomSource returns env's source, or the global one.
func randomSource(env Env) rand.Source {
	if r, ok := env.(RandomEnv); ok {
		if src := r.RandomSource(); src != nil {
			return src
		}
	}
	return globalSource{}
}
