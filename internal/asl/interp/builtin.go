package interp

import "context"

// builtinFunc is a built-in service integration.
type builtinFunc func(ctx context.Context, req *TaskRequest) (any, error)

// builtin returns the built-in integration for a resource, if any.
func (in *Interpreter) builtin(spec *taskSpec) (builtinFunc, bool) {
	switch {
	case spec.service == "lambda" && spec.bare:
		return in.invokeBareLambda, true
	case spec.service == "lambda" && spec.action == "invoke":
		return in.invokeLambda, true
	case spec.service == "states" && spec.action == "startExecution":
		return in.startExecutionTask, true
	case spec.service == "events" && spec.action == "putEvents":
		return in.putEvents, true
	case spec.service == "http" && spec.action == "invoke":
		return in.httpInvoke, true
	}
	return nil, false
}
