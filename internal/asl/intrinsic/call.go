package intrinsic

import (
	"fmt"
	"strings"
)

// argKind tells literals, paths and nested calls apart.
type argKind int

const (
	literalArg argKind = iota
	pathArg
	callArg
)

// arg is one parsed argument.
type arg struct {
	kind     argKind
	value    any    // a literal's value; strings unescaped
	raw      string // a string literal's text between the quotes, escapes kept
	isString bool   // the literal is a string
	path     string
	call     *Call
}

// Call is a parsed intrinsic function call. It is immutable and safe for
// concurrent use.
type Call struct {
	src  string
	name string
	fn   *function
	args []arg
}

// Name returns the function's name, e.g. "States.Format".
func (c *Call) Name() string { return c.name }

// String returns the call's text as it was parsed.
func (c *Call) String() string { return c.src }

// Paths returns the path arguments of the call and of its nested calls, in
// order, so a validator can check them.
func (c *Call) Paths() []string {
	var out []string
	for _, a := range c.args {
		switch a.kind {
		case pathArg:
			out = append(out, a.path)
		case callArg:
			out = append(out, a.call.Paths()...)
		}
	}
	return out
}

// Eval evaluates the call: it resolves path arguments through env,
// evaluates nested calls first, then applies the function. It fails with an
// *Error for a bad argument, or with env's error, wrapped, for a path that
// does not resolve.
func (c *Call) Eval(env Env) (any, error) {
	vals := make([]any, len(c.args))
	for i, a := range c.args {
		v, err := a.eval(env)
		if err != nil {
			return nil, fmt.Errorf("evaluating %s: %w", c.name, err)
		}
		vals[i] = v
	}
	return c.fn.eval(&invocation{call: c, env: env, args: vals})
}

// eval returns the argument's value.
func (a *arg) eval(env Env) (any, error) {
	switch a.kind {
	case pathArg:
		v, err := env.Resolve(a.path)
		if err != nil {
			return nil, fmt.Errorf("resolving %s: %w", a.path, err)
		}
		return v, nil
	case callArg:
		return a.call.Eval(env)
	default:
		return a.value, nil
	}
}

// invocation is one evaluation of a call, with its resolved arguments.
type invocation struct {
	call *Call
	env  Env
	args []any
}

// function is an intrinsic function: its arity (maxArgs -1 for variadic)
// and its implementation.
type function struct {
	minArgs, maxArgs int
	eval             func(in *invocation) (any, error)
}

// arityMessage says how many arguments fn takes.
func arityMessage(name string, fn *function, got int) string {
	var want string
	switch {
	case fn.maxArgs < 0:
		want = fmt.Sprintf("at least %d", fn.minArgs)
	case fn.minArgs == fn.maxArgs:
		want = fmt.Sprintf("%d", fn.minArgs)
	default:
		want = fmt.Sprintf("%d to %d", fn.minArgs, fn.maxArgs)
	}
	return fmt.Sprintf("%s takes %s argument%s, got %d", name, want, plural(want), got)
}

// plural returns "s" unless n reads "1".
func plural(n string) string {
	if n == "1" || strings.HasSuffix(n, " 1") {
		return ""
	}
	return "s"
}
