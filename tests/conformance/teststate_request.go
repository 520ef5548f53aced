package conformance

import (
	"encoding/json"
	"strings"

	"github.com/stormless/stormless/internal/asl/interp"
)

// testStateRequest is what one TestState call is replayed with.
type testStateRequest struct {
	definition []byte
	input      any
	opts       interp.TestStateOptions
}

// testStateRequest restates one call's request from its recording (or
// from the same call recorded at DEBUG level, for INFO entries): input,
// variables, and a mock from the recorded result or error.
func (c *corpus) testStateRequest(e *entry, t *template, call testStateCall) (*testStateRequest, string) {
	data := c.inspection(e, call)
	fact := testStateFactFor(e.TestID)
	input, ok := data["input"]
	if fact.hasInput {
		input, ok = fact.input, true
	}
	if !ok {
		return nil, "the TestState input is set in Python and not recorded (INFO level)"
	}
	def, err := t.JSON()
	if err != nil {
		return nil, oneLine(err)
	}
	req := &testStateRequest{definition: def, input: input, opts: fact.options(call, e.Param)}
	if vars, ok := data["variables"].(map[string]any); ok {
		req.opts.Variables = vars
	}
	st := t.Def
	if _, isMachine := t.Def["States"]; isMachine {
		if req.opts.StateName == "" {
			return nil, "the test names the state to run in Python"
		}
		st = stateDef(t.Def, req.opts.StateName)
	}
	if req.opts.Mock == nil {
		var reason string
		if req.opts.Mock, reason = testStateMock(st, data, call.want); reason != "" {
			return nil, reason
		}
	}
	return req, ""
}

// options are the request options a call's facts give: inspection level,
// role, state name, state configuration, context object and mock.
func (f testStateFact) options(call testStateCall, param string) interp.TestStateOptions {
	opts := interp.TestStateOptions{InspectionLevel: interp.InspectINFO,
		StateName: f.stateName(call.key, param), RetrierRetryCount: f.retryCount[call.key],
		Context: f.contextFor(param), MapIterationFailureCount: f.mapFailures[call.key],
		MapItemReaderData: f.itemReaderData}
	if _, ok := call.want["inspectionData"]; ok {
		opts.InspectionLevel = interp.InspectDEBUG
	}
	if !f.noRole {
		opts.RoleARN = testStateRole
	}
	if v, ok := f.mockFor(call.key, param); ok {
		opts.Mock = &interp.TestStateMock{Result: v}
	}
	return opts
}

// stateDef finds a state's definition by name in a machine, nested ones
// included; nil if there is none.
func stateDef(machine map[string]any, name string) map[string]any {
	states, _ := machine["States"].(map[string]any)
	if st, ok := states[name].(map[string]any); ok {
		return st
	}
	for _, s := range states {
		st, _ := s.(map[string]any)
		for _, k := range []string{"Iterator", "ItemProcessor"} {
			if sub, ok := st[k].(map[string]any); ok {
				if found := stateDef(sub, name); found != nil {
					return found
				}
			}
		}
		branches, _ := st["Branches"].([]any)
		for _, b := range branches {
			if sub, ok := b.(map[string]any); ok {
				if found := stateDef(sub, name); found != nil {
					return found
				}
			}
		}
	}
	return nil
}

// inspection returns the inspection data recorded for a call, or that of
// the same call recorded at DEBUG level when the entry ran at INFO.
func (c *corpus) inspection(e *entry, call testStateCall) map[string]any {
	if d, ok := call.want["inspectionData"].(map[string]any); ok {
		return d
	}
	sib, ok := c.byID[debugSibling(e.TestID)]
	if !ok || sib == e {
		return nil
	}
	var v map[string]any
	if json.Unmarshal(sib.Content[call.key], &v) != nil {
		return nil
	}
	d, _ := v["inspectionData"].(map[string]any)
	return d
}

// debugSibling names the test that recorded the same TestState call at
// DEBUG level: the INFO parameter, or the _info test, becomes DEBUG.
func debugSibling(id string) string {
	base, param := id, ""
	if m := paramRE.FindStringSubmatch(id); m != nil {
		base, param = m[1], m[2]
	}
	base = strings.Replace(base, "_inspection_level_info", "_inspection_level_debug", 1)
	param = strings.Replace(param, "INFO", "DEBUG", 1)
	if param == "" {
		return base
	}
	return base + "[" + param + "]"
}

// testStateMock derives the mock of a Task, Parallel or Map state: the
// recorded result (or, with no ResultSelector, the recorded
// afterResultSelector), else the recorded error and cause.
func testStateMock(st, data, want map[string]any) (*interp.TestStateMock, string) {
	switch st["Type"] {
	case "Task", "Parallel", "Map":
	default:
		return nil, ""
	}
	if r, ok := data["result"]; ok {
		return &interp.TestStateMock{Result: r}, ""
	}
	if r, ok := data["afterResultSelector"]; ok && st["ResultSelector"] == nil {
		return &interp.TestStateMock{Result: r}, ""
	}
	if errName, ok := want["error"].(string); ok {
		cause, _ := want["cause"].(string)
		return &interp.TestStateMock{Error: errName, Cause: cause}, ""
	}
	return nil, "the mocked result is set in Python and not recorded"
}
