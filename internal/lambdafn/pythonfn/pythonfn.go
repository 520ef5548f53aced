// Package pythonfn is the runner function's side of the Python runner
// function (pyrunner/handler.py, python3.12): the runner function has no
// Python, so its python-script runner is python.Remote over Function,
// which invokes the Python function with the action's python.Invocation
// and reads back its python.Completion.
//
// Config and datastore: the pack's config travels in the invocation (the
// shim's start message, as locally); the Python function serves
// action_service's get/set/delete/list_values itself on SSM Parameter
// Store, in internal/datastore/ssmkv's layout under STORMLESS_KV_PREFIX,
// with its own role's SSM grants. Nothing else calls back.
package pythonfn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/runner/python"
)

// EnvFunction names the Python runner function in the runner function's
// environment; infra/ sets it.
const EnvFunction = "STORMLESS_PYTHON_FUNCTION"

// Invoker calls a Lambda function synchronously (lambdafn.LambdaClient).
type Invoker interface {
	Invoke(ctx context.Context, function string, payload []byte) ([]byte, error)
}

var _ Invoker = (*lambdafn.LambdaClient)(nil)

// Function runs the shim in the Python runner function Name. It is safe
// for concurrent use if Invoker is.
type Function struct {
	Invoker Invoker
	Name    string
}

var _ python.Executor = Function{}

// Execute implements python.Executor: one synchronous invocation.
func (f Function) Execute(ctx context.Context, inv python.Invocation) (python.Completion, error) {
	payload, err := json.Marshal(inv)
	if err != nil {
		return python.Completion{}, fmt.Errorf("encoding the invocation of %s: %w", f.Name, err)
	}
	out, err := f.Invoker.Invoke(ctx, f.Name, payload)
	if err != nil {
		return python.Completion{}, fmt.Errorf("running the action in the Python function: %w", err)
	}
	var c python.Completion
	if err := json.Unmarshal(out, &c); err != nil {
		return python.Completion{}, fmt.Errorf("decoding the answer of %s: %w", f.Name, err)
	}
	return c, nil
}

// ErrNoFunction is returned (wrapped) by NewRunner when the environment
// names no Python function.
var ErrNoFunction = errors.New(EnvFunction + " not set")

// NewRunner returns the python-script runner of the runner function:
// python.Remote over the function env names (EnvFunction), invoked with
// env's region and credentials. Without EnvFunction it returns an error
// wrapping ErrNoFunction.
func NewRunner(env lambdafn.Env) (*python.Remote, error) {
	getenv := env.Getenv
	if getenv == nil {
		return nil, fmt.Errorf("creating the python-script runner: %w", ErrNoFunction)
	}
	name := getenv(EnvFunction)
	if name == "" {
		return nil, fmt.Errorf("creating the python-script runner: %w (the stack sets it on the runner function)", ErrNoFunction)
	}
	c, err := env.Lambda()
	if err != nil {
		return nil, fmt.Errorf("creating the python-script runner: %w", err)
	}
	return python.NewRemote(Function{Invoker: c, Name: name})
}
