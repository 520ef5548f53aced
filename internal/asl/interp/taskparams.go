package interp

// taskParameterProblem returns why Step Functions refuses to start a
// service integration with these parameters, checked before the call, or
// "": API Gateway's Headers must map names to lists of values.
func taskParameterProblem(spec *taskSpec, params any) string {
	if spec.service != "apigateway" || spec.action != "invoke" {
		return ""
	}
	obj, _ := params.(map[string]any)
	headers, ok := obj["Headers"]
	if !ok {
		return ""
	}
	h, isObj := headers.(map[string]any)
	if !isObj {
		return "The value of the field 'Headers' has an invalid format"
	}
	for _, v := range h {
		if _, isList := v.([]any); !isList {
			return "The value of the field 'Headers' has an invalid format"
		}
	}
	return ""
}

// checkTaskParameters fails a Task whose parameters its integration
// refuses, as States.Runtime.
func (sr *stateRun) checkTaskParameters(params any) *Failure {
	msg := taskParameterProblem(sr.n.task, params)
	if msg == "" {
		return nil
	}
	return runtimeFail(ErrRuntime, "The Parameters '%s' could not be used to start the Task: [%s]", mustJSON(params), msg)
}
