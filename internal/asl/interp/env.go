package interp

// evalEnv is what expressions see while a state runs: "$" (the current
// document), the context object (built on first use) and the variables.
type evalEnv struct {
	input any
	th    *thread
	st    *node
	// ctxObj caches the context object for this state.
	ctxObj any
	// token is the task token of a .waitForTaskToken Task, if any.
	token string
	// retryCount is the state's current retry count.
	retryCount int
	// states is $states in JSONata states.
	states statesVar
}

// statesVar is the reserved JSONata variable $states.
type statesVar struct {
	input       any
	result      any
	hasResult   bool
	errorOutput any
	hasError    bool
}

func (e *evalEnv) contextObject() any {
	if e.ctxObj == nil {
		e.ctxObj = e.th.contextObject(e.st, e.token, e.retryCount)
	}
	return e.ctxObj
}

func (e *evalEnv) lookupVar(name string) (any, bool) {
	return e.th.vars.lookup(name)
}

// with makes e evaluate against a different "$" and returns it. A state's
// evaluations run one after another, so the environment is reused rather
// than copied.
func (e *evalEnv) with(input any) *evalEnv {
	e.input = input
	return e
}
