package jsonata

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	jsonatalib "github.com/blues/jsonata-go"
)

// Expr is a compiled JSONata expression. It is immutable and safe for
// concurrent use: each evaluation binds its variables in its own scope.
type Expr struct {
	src  string
	base *jsonatalib.Expr
	path *simplePath // non-nil when the expression is a path of names
	refs []string    // the variable names the expression mentions
	// guarded is set when the expression has lambdas, rewritten to count
	// their depth (see guardLambdas).
	guarded bool
}

// maxExprLen bounds the length of an expression, so that parsing and
// evaluating it cannot exhaust the Go stack.
const maxExprLen = 32 << 10

// Compile parses expr, a JSONata expression without the "{% %}"
// delimiters. Compiled expressions are cached (the cache is shared and safe
// for concurrent use), so calling Compile again with the same text is
// cheap. An expression that does not parse yields a *SyntaxError.
func Compile(expr string) (*Expr, error) {
	return cachedCompile(expr)
}

// compile parses expr without the cache.
func compile(expr string) (e *Expr, err error) {
	defer recoverAs(expr, &err)
	if len(expr) > maxExprLen {
		return nil, &SyntaxError{Expr: expr[:64] + "...", Code: "S0201", Message: "the expression is longer than 32 KiB"}
	}
	clean := stripComments(expr)
	guarded, hasLambdas := guardLambdas(clean)
	base, err := jsonatalib.Compile(guarded)
	if err != nil {
		return nil, syntaxError(expr, err)
	}
	return &Expr{src: expr, base: base, path: parseSimplePath(clean), refs: referencedNames(guarded), guarded: hasLambdas}, nil
}

// String returns the expression's text.
func (e *Expr) String() string { return e.src }

// EvalOption changes one evaluation.
type EvalOption func(*evalConfig)

// evalConfig holds the options of one evaluation.
type evalConfig struct {
	random rand.Source
	now    func() time.Time
}

// WithRandom makes $random (without a seed) and $uuid draw from src, so
// that tests are deterministic. src must be safe for concurrent use if the
// evaluations using it run concurrently.
func WithRandom(src rand.Source) EvalOption {
	return func(c *evalConfig) { c.random = src }
}

// Eval evaluates the expression with input as the context value ($; nil
// for none, which is what Step Functions provides) and vars as variables:
// vars["states"] is $states (input, result, errorOutput, context), the
// other entries are the workflow's Assign variables, each bound as $name. The functions Step Functions adds
// ($partition, $range, $hash, $random, $uuid, $parse) are bound too, and a
// variable of the same name hides them.
//
// The result is in Go's encoding/json generic form. When the expression
// yields undefined, Eval returns an *UndefinedError (errors.Is(err,
// ErrUndefined)); null is returned as nil with no error. An evaluation
// failure is an *Error; a result that is not JSON (a function) is an
// *UnsupportedResultError. Eval never panics.
func (e *Expr) Eval(input any, vars map[string]any) (any, error) {
	return e.EvalWith(input, vars)
}

// evalMu serialises evaluations: github.com/blues/jsonata-go writes the
// name and context of its shared built-in function values on every call,
// a data race when Map iterations or Parallel branches evaluate at once
// (found by go test -race). Evaluations are short; the lock is uncontended
// in the common sequential case.
var evalMu sync.Mutex

// EvalWith is Eval with options, such as WithRandom. Like Eval it is safe
// for concurrent use; evaluations run one at a time.
func (e *Expr) EvalWith(input any, vars map[string]any, opts ...EvalOption) (out any, err error) {
	evalMu.Lock()
	defer evalMu.Unlock()
	defer recoverAs(e.src, &err)
	cfg := evalConfig{}
	for _, o := range opts {
		o(&cfg)
	}
	scoped := *e.base
	if err := scoped.RegisterVars(e.bindings(vars, cfg)); err != nil {
		return nil, fmt.Errorf("binding variables: %w", err)
	}
	v, err := scoped.Eval(contextValue(input))
	switch {
	case errors.Is(err, jsonatalib.ErrUndefined) && e.path != nil && e.path.endsOnEmptyArray(input, vars):
		return []any{}, nil
	case errors.Is(err, jsonatalib.ErrUndefined):
		return nil, &UndefinedError{Expr: e.src}
	case err != nil:
		return nil, evalError(e.src, err)
	}
	out, ok := normalize(v)
	if !ok {
		return nil, &UnsupportedResultError{Expr: e.src}
	}
	return out, nil
}

// bindings returns the variables of one evaluation: those of vars and of
// the added functions that the expression mentions, vars first.
func (e *Expr) bindings(vars map[string]any, cfg evalConfig) map[string]any {
	out := make(map[string]any, len(e.refs)+3)
	if e.guarded {
		out["__sfnGuard"] = guard{depth: new(int)}
		for k, v := range guardFunctions {
			out[k] = v
		}
	}
	for _, name := range e.refs {
		if v, ok := vars[name]; ok {
			out[name] = withNulls(v)
		} else if f, ok := addedFunction(name, cfg.random); ok {
			out[name] = f
		}
	}
	e.bindClock(out, cfg)
	return out
}

// contextValue returns the library's form of input as the context ($): a
// nil input is no context at all (undefined), as in Step Functions, where
// expressions read $states rather than $.
func contextValue(input any) any {
	if input == nil {
		return nil
	}
	return withNulls(input)
}

// recoverAs turns a panic of the third-party library into an *Error.
func recoverAs(expr string, err *error) {
	if r := recover(); r != nil {
		*err = &Error{Expr: expr, Code: "D3137", Message: fmt.Sprintf("internal error: %v", r)}
	}
}
