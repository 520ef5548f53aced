package local

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/bus"
	"github.com/stormless/stormless/statemachines"
)

// handler is the shape of the enforcer and runner functions.
type handler func(ctx context.Context, in json.RawMessage) (json.RawMessage, error)

// lambda adapts a JSON handler to an in-process Lambda function.
func lambda(h handler) interp.LambdaFunc {
	return func(ctx context.Context, payload any) (any, error) {
		in, err := json.Marshal(payload)
		if err != nil {
			return nil, fmt.Errorf("encoding payload: %w", err)
		}
		out, err := h(ctx, in)
		if err != nil {
			return nil, err
		}
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			return nil, fmt.Errorf("decoding result: %w", err)
		}
		return v, nil
	}
}

// buildInterp binds the functions and loads the enforcement machine and
// every workflow action's machine.
func (e *Engine) buildInterp() error {
	reg := interp.NewRegistry()
	reg.SharedLambda(EnforcerFunction, e.enforcer.HandleValue)
	reg.Lambda(RunnerFunction, e.directAsks(e.runnerFunction(lambda(e.cancelable(e.workflowTasks(e.enforcer.Runner))))))
	e.enforcer.OnInquiryResolved(e.inquiryResolved)
	reg.HandleFunc(startExecutionResource, e.startWorkflow)
	in, err := interp.New(interp.WithRegistry(reg), interp.WithAccount(bus.LocalRegion, bus.LocalAccount),
		interp.WithHistory(e.cfg.history))
	if err != nil {
		return fmt.Errorf("creating interpreter: %w", err)
	}
	e.interp = in
	def, err := statemachines.Render(statemachines.Enforce, map[string]string{
		statemachines.EnforcerFunctionARN: functionARN(EnforcerFunction),
		statemachines.RunnerFunctionARN:   functionARN(RunnerFunction),
	})
	if err != nil {
		return err
	}
	if e.machine, err = in.Load("stormless-enforce", def); err != nil {
		return fmt.Errorf("loading enforcement machine: %w", err)
	}
	return e.loadWorkflows(e.current())
}
