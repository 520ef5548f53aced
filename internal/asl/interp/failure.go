package interp

import (
	"errors"
	"fmt"
)

// The error names Step Functions raises itself.
const (
	ErrAll                 = "States.ALL"
	ErrTaskFailed          = "States.TaskFailed"
	ErrTimeout             = "States.Timeout"
	ErrHeartbeatTimeout    = "States.HeartbeatTimeout"
	ErrRuntime             = "States.Runtime"
	ErrNoChoiceMatched     = "States.NoChoiceMatched"
	ErrBranchFailed        = "States.BranchFailed"
	ErrIntrinsicFailure    = "States.IntrinsicFailure"
	ErrResultPathMatch     = "States.ResultPathMatchFailure"
	ErrParameterPath       = "States.ParameterPathFailure"
	ErrQueryEvaluation     = "States.QueryEvaluationError"
	ErrExceedTolerated     = "States.ExceedToleratedFailureThreshold"
	ErrDataLimitExceeded   = "States.DataLimitExceeded"
	ErrItemReaderFailed    = "States.ItemReaderFailed"
	ErrResultWriterFailed  = "States.ResultWriterFailed"
	ErrPermissions         = "States.Permissions"
	errTransitionBudget    = "States.Runtime"
	causeTransitionBudget  = "the execution exceeded its transition budget of %d state transitions"
	causeNestingDepthLimit = "the execution exceeded the nesting depth limit of %d nested Parallel/Map/execution levels"
)

// Failure is an error with a Step Functions error name and cause: what a
// failed state or execution reports, and what Retry and Catch match. Task
// handlers return a *Failure (or any error with an ASLError method) to raise
// a named error.
type Failure struct {
	Name  string // the error name, e.g. "States.TaskFailed" or "MyError"
	Cause string
	// Pointer is the JSON pointer (in the definition) of the state whose
	// evaluation failed, for errors Step Functions raises itself
	// (States.Runtime, States.QueryEvaluationError, ...); empty otherwise.
	Pointer string
	// runtime marks failures worded with the state that raised them.
	runtime bool
	// cancelled marks failures of threads cancelled because a sibling
	// branch or iteration failed.
	cancelled bool
}

// Error formats the failure as "Name: Cause".
func (f *Failure) Error() string {
	if f.Cause == "" {
		return f.Name
	}
	return f.Name + ": " + f.Cause
}

// ASLError returns the error name and cause.
func (f *Failure) ASLError() (name, cause string) { return f.Name, f.Cause }

// fail builds a *Failure with a formatted cause.
func fail(name, format string, args ...any) *Failure {
	return &Failure{Name: name, Cause: fmt.Sprintf(format, args...)}
}

// runtimeFail builds a failure whose cause gets prefixed with the state
// and its entered event id.
func runtimeFail(name, format string, args ...any) *Failure {
	f := fail(name, format, args...)
	f.runtime = true
	return f
}

// aslError is what the leaf libraries' errors (path, intrinsic, jsonata)
// and handler errors implement.
type aslError interface {
	ASLError() (name, cause string)
}

// asFailure converts any error to a *Failure: ASL errors keep their name,
// context cancellation stays recognisable, anything else becomes def.
func asFailure(err error, def string) *Failure {
	if err == nil {
		return nil
	}
	var f *Failure
	if errors.As(err, &f) {
		return f
	}
	var ae aslError
	if errors.As(err, &ae) {
		name, cause := ae.ASLError()
		return &Failure{Name: name, Cause: cause}
	}
	return &Failure{Name: def, Cause: err.Error()}
}

// matches reports whether a retrier's or catcher's ErrorEquals matches name.
// States.Runtime is never retried or caught, even when named; States.ALL
// matches everything else; in a Task state States.TaskFailed matches every
// error except States.Timeout.
func matches(errorEquals []string, name string, task bool) bool {
	if name == ErrRuntime {
		return false
	}
	for _, e := range errorEquals {
		switch {
		case e == name:
			return true
		case e == ErrAll && name != ErrRuntime:
			return true
		case e == ErrTaskFailed && task && name != ErrTimeout && name != ErrRuntime:
			return true
		}
	}
	return false
}

// dataLimit is the failure of a state or task whose result is over 256 KiB.
func dataLimit(name string) *Failure {
	return fail(ErrDataLimitExceeded, "The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", name)
}
