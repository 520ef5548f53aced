package interp

import (
	"encoding/json"
)

func (sr *stateRun) pass() (stepResult, *Failure) {
	n := sr.n
	if n.jsonata {
		return sr.finishJSONata(nil, false, sr.raw)
	}
	eff, f := sr.effectiveInput()
	if f != nil {
		return stepResult{}, f
	}
	result, f := sr.parameters(n.params, eff)
	if f != nil {
		return stepResult{}, f
	}
	if n.result != nil {
		result = n.result.static
		sr.note("result", result)
	} else {
		sr.note("afterInputPath", eff)
		sr.note("afterParameters", result)
	}
	return sr.finishJSONPath(result, false)
}

func (sr *stateRun) succeed() (stepResult, *Failure) {
	if sr.n.jsonata {
		res, f := sr.finishJSONata(nil, false, sr.raw)
		res.next = nil
		return res, f
	}
	eff, f := sr.effectiveInput()
	if f != nil {
		return stepResult{}, f
	}
	sr.note("afterInputPath", eff)
	out, f := sr.applyOutputPath(eff)
	return stepResult{output: out}, f
}

// failState raises the Fail state's error.
func (sr *stateRun) failState() *Failure {
	if !sr.n.jsonata {
		sr.note("afterInputPath", sr.raw)
	}
	errV, _, f := sr.evalField(sr.n.errorField, sr.raw)
	if f != nil {
		return failFieldPath(sr.n.errorField, f, sr.raw)
	}
	causeV, _, f := sr.evalField(sr.n.causeField, sr.raw)
	if f != nil {
		return failFieldPath(sr.n.causeField, f, sr.raw)
	}
	return &Failure{Name: stringOf(errV), Cause: stringOf(causeV)}
}

func failFieldPath(fe fieldExpr, f *Failure, input any) *Failure {
	if fe.path == nil {
		return f
	}
	return runtimeFail(ErrRuntime, "The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'",
		fe.path.src, fe.pathName, mustJSON(input))
}

// stringOf renders a Fail state's Error or Cause.
func stringOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (sr *stateRun) choice() (stepResult, *Failure) {
	n := sr.n
	eff := sr.raw
	if !n.jsonata {
		var f *Failure
		if eff, f = sr.effectiveInput(); f != nil {
			return stepResult{}, f
		}
		sr.note("afterInputPath", eff)
	}
	env := sr.env.with(eff)
	for _, c := range n.choices {
		ok, f := c.cond.test(env)
		if f != nil {
			return stepResult{}, asRuntime(f)
		}
		if ok {
			return sr.chosen(eff, c.next, c.assign, c.output)
		}
	}
	if n.deflt == nil {
		return stepResult{}, fail(ErrNoChoiceMatched, "No Matches!")
	}
	return sr.chosen(eff, n.deflt, nil, nil)
}

// chosen finishes a Choice state that transitions to next.
func (sr *stateRun) chosen(eff any, next *node, assign, output *template) (stepResult, *Failure) {
	if assign == nil {
		assign = sr.n.assign
	}
	if sr.n.jsonata {
		saved := sr.n.output
		res, f := sr.jsonataChoiceOutput(assign, output, saved)
		res.next = next
		return res, f
	}
	assigned, f := sr.assign(assign, sr.env.with(eff))
	if f != nil {
		return stepResult{}, f
	}
	out, f := sr.applyOutputPath(eff)
	return stepResult{output: out, next: next, assigned: assigned}, f
}

func (sr *stateRun) jsonataChoiceOutput(assign, output, stateOutput *template) (stepResult, *Failure) {
	assigned, f := sr.assign(assign, sr.env)
	if f != nil {
		return stepResult{}, f
	}
	if output == nil {
		output = stateOutput
	}
	out := sr.raw
	if output != nil {
		v, f := output.eval(sr.env)
		if f != nil {
			return stepResult{}, asRuntime(f)
		}
		out = v
	}
	return stepResult{output: out, assigned: assigned}, nil
}
