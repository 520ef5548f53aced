package interp

import (
	"context"
	"encoding/json"
	"fmt"
)

// The TestState statuses, as the TestState API reports them.
const (
	TestStatusSucceeded   = "SUCCEEDED"
	TestStatusFailed      = "FAILED"
	TestStatusRetriable   = "RETRIABLE"
	TestStatusCaughtError = "CAUGHT_ERROR"
)

// The inspection levels of TestState.
const (
	InspectINFO  = "INFO"
	InspectDEBUG = "DEBUG"
	InspectTRACE = "TRACE"
)

// testStateName is what a state tested on its own is called: AWS names it
// "StateName" in the context object.
const testStateName = "StateName"

// TestStateOptions are the request fields of TestState besides the
// definition and the input.
type TestStateOptions struct {
	// StateName picks the state to test when the definition is a whole
	// state machine; it must be empty for a single state's definition.
	StateName string
	// InspectionLevel is INFO (the default), DEBUG or TRACE; at DEBUG and
	// TRACE the result carries InspectionData.
	InspectionLevel string
	// RoleARN is $$.Execution.RoleArn; empty gives null.
	RoleARN string
	// Variables are the workflow variables visible to the state.
	Variables map[string]any
	// Mock, if set, replaces the state's work: a Task's service call, or
	// the results of a Parallel or Map state's branches or iterations.
	Mock *TestStateMock
	// RetrierRetryCount is how many retries the state has already made:
	// every retrier counts its attempts from it.
	RetrierRetryCount int
	// Context, if set, is the whole context object ($$ and
	// $states.context) the state sees; its Task.Token is the task token.
	Context map[string]any
	// MapItemReaderData, if set, are the items a Map state's ItemReader
	// reads (a JSON array).
	MapItemReaderData []any
	// MapIterationFailureCount is how many of a mocked Map state's
	// iterations fail, checked against its tolerated failure threshold.
	MapIterationFailureCount int
}

// TestStateMock is a mocked result, or a mocked error and cause.
type TestStateMock struct {
	Result any
	Error  string
	Cause  string
}

// TestStateResult is what TestState returns, with the TestState API's
// fields: the output, or the error and cause; the next state (absent when
// the state ends the execution or fails); the status; and at DEBUG and
// TRACE the inspection data.
type TestStateResult struct {
	Status    string
	Output    any
	HasOutput bool
	Error     string
	Cause     string
	NextState string
	// InspectionData holds, by the API's key, what each processing step
	// produced: input, afterInputPath, afterParameters, afterArguments,
	// result, afterResultSelector, afterResultPath, variables,
	// errorDetails ({catchIndex} or {retryIndex,
	// retryBackoffIntervalSeconds}), maxConcurrency,
	// toleratedFailureCount, toleratedFailurePercentage. Nil at INFO.
	InspectionData map[string]any
}

// TestState runs one state, as the Step Functions TestState API does: with
// the given input, no retries (a retriable error returns RETRIABLE), its
// Catch applied (CAUGHT_ERROR), and the state it would transition to in
// NextState. definition is one state's JSON, or a whole state machine's
// with opts.StateName. Invalid definitions and options return an error;
// the state's own failure is a result with status FAILED. Safe for
// concurrent use.
func (in *Interpreter) TestState(ctx context.Context, definition []byte, input any, opts TestStateOptions) (*TestStateResult, error) {
	machineDef, name, err := testMachine(definition, opts.StateName)
	if err != nil {
		return nil, err
	}
	m, err := in.compileTestMachine(machineDef)
	if err != nil {
		return nil, err
	}
	tr := newTestRun(name, opts)
	res, _, err := in.Run(ctx, m, input, withTestRun(tr))
	if err != nil {
		return nil, fmt.Errorf("testing state %s: %w", name, err)
	}
	return tr.result(res, input), nil
}

// compileTestMachine compiles the wrapping machine without registering it.
func (in *Interpreter) compileTestMachine(def []byte) (*Machine, error) {
	m, err := in.parseMachine(testStateMachineName, def)
	if err != nil {
		return nil, fmt.Errorf("testing state: %w", err)
	}
	return m, nil
}

// testStateMachineName names the machine TestState runs the state in.
const testStateMachineName = "TestStateMachine"

// testMachine wraps a state definition into a machine starting at it, or
// restarts a machine definition at stateName. It returns the machine's
// JSON and the tested state's name.
func testMachine(definition []byte, stateName string) ([]byte, string, error) {
	var def map[string]any
	if err := json.Unmarshal(definition, &def); err != nil {
		return nil, "", fmt.Errorf("parsing state definition: %w", err)
	}
	if _, ok := def["States"]; ok {
		return machineAt(def, stateName)
	}
	if stateName != "" {
		return nil, "", fmt.Errorf("testing state %q: a state name needs a state machine definition", stateName)
	}
	out, err := json.Marshal(wrapState(testStateName, def, nil))
	return out, testStateName, err
}

// machineAt wraps a machine's state, top-level or nested (in a Parallel
// branch or Map processor), on its own, in the query language it inherits.
func machineAt(def map[string]any, stateName string) ([]byte, string, error) {
	st, ql := findState(def, stateName, def["QueryLanguage"])
	if st == nil {
		return nil, "", fmt.Errorf("testing state %q: the state machine has no such state", stateName)
	}
	out, err := json.Marshal(wrapState(stateName, st, ql))
	return out, stateName, err
}

// findState finds a state by name in a machine or its nested machines,
// with the query language it inherits.
func findState(machine map[string]any, name string, ql any) (map[string]any, any) {
	if q, ok := machine["QueryLanguage"]; ok {
		ql = q
	}
	states, _ := machine["States"].(map[string]any)
	if st, ok := states[name].(map[string]any); ok {
		return st, ql
	}
	for _, s := range states {
		st, _ := s.(map[string]any)
		for _, sub := range nestedMachines(st) {
			if found, q := findState(sub, name, ql); found != nil {
				return found, q
			}
		}
	}
	return nil, nil
}

// nestedMachines returns a state's Parallel branches and Map processor.
func nestedMachines(st map[string]any) []map[string]any {
	var out []map[string]any
	for _, k := range []string{"Iterator", "ItemProcessor"} {
		if sub, ok := st[k].(map[string]any); ok {
			out = append(out, sub)
		}
	}
	branches, _ := st["Branches"].([]any)
	for _, b := range branches {
		if sub, ok := b.(map[string]any); ok {
			out = append(out, sub)
		}
	}
	return out
}

// wrapState makes a machine of one state named name, in query language ql
// unless it sets its own, each state it may transition to
// standing in as a Succeed state.
func wrapState(name string, st map[string]any, ql any) map[string]any {
	states := map[string]any{name: st}
	for _, target := range transitionTargets(st) {
		if target != name {
			states[target] = map[string]any{"Type": "Succeed"}
		}
	}
	m := map[string]any{"StartAt": name, "States": states}
	if q, ok := st["QueryLanguage"]; ok {
		ql = q
	}
	if ql != nil {
		m["QueryLanguage"] = ql
	}
	return m
}

// transitionTargets returns the states a state names in Next, Default,
// Choices and Catch.
func transitionTargets(st map[string]any) []string {
	var out []string
	add := func(v any) {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	add(st["Next"])
	add(st["Default"])
	for _, key := range []string{"Choices", "Catch"} {
		list, _ := st[key].([]any)
		for _, c := range list {
			if obj, ok := c.(map[string]any); ok {
				add(obj["Next"])
			}
		}
	}
	return out
}
