package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/stormless/stormless/internal/asl/interp"
)

// testStateRole is the roleArn the TestState tests pass, unless their
// facts say they pass none.
const testStateRole = "arn:aws:iam::111111111111:role/conformance"

// isTestStateEntry reports whether an entry records TestState API calls.
func isTestStateEntry(e *entry) bool {
	file, _, _ := strings.Cut(e.TestID, "::")
	return filepath.Base(filepath.Dir(file)) == "test_state"
}

// testStateCall is one recorded TestState response.
type testStateCall struct {
	key  string
	want map[string]any
}

// testStateCalls splits an entry's content into TestState responses and
// reports whether it holds request validation errors instead.
func testStateCalls(e *entry) (calls []testStateCall, validation bool, err error) {
	for _, k := range contentKeys(e) {
		var v map[string]any
		if err := json.Unmarshal(e.Content[k], &v); err != nil {
			return nil, false, fmt.Errorf("decoding %s: %w", k, err)
		}
		if _, ok := v["status"]; ok {
			delete(v, "ResponseMetadata")
			unquoteTestState(v)
			calls = append(calls, testStateCall{key: k, want: v})
			continue
		}
		validation = true
	}
	return calls, validation, nil
}

// unquoteTestState parses the fields the snapshot left as JSON text (the
// API returns output and inspection data as JSON text; LocalStack's
// snapshot parses objects but keeps arrays as text).
func unquoteTestState(resp map[string]any) {
	resp["output"] = jsonText(resp["output"])
	if d, ok := resp["inspectionData"].(map[string]any); ok {
		for k, v := range d {
			d[k] = jsonText(v)
		}
	}
	if resp["output"] == nil {
		delete(resp, "output")
	}
}

// jsonText returns a string holding a JSON array or object parsed.
func jsonText(v any) any {
	s, ok := v.(string)
	if !ok || !strings.HasPrefix(s, "[") && !strings.HasPrefix(s, "{") {
		return v
	}
	var out any
	if json.Unmarshal([]byte(s), &out) != nil {
		return v
	}
	return out
}

// judgeTestState replays an entry's TestState calls.
func (c *corpus) judgeTestState(ctx context.Context, e *entry) verdict {
	calls, validation, err := testStateCalls(e)
	switch {
	case err != nil:
		return verdict{Status: unresolved, Reason: "bad corpus data: " + oneLine(err)}
	case validation:
		if r, ok := recordedRejection(e); ok && r.pointer != "" {
			return judgeRejection(e, r) // the definition itself is invalid
		}
		return verdict{Status: notApplicable, Reason: "TestState API request validation (ValidationException for the mock, field validation mode, state name or definition)"}
	case len(calls) == 0:
		return verdict{Status: unresolved, Reason: "no TestState response recorded"}
	}
	tpl, reason := c.testStateTemplate(e)
	if tpl == nil {
		return verdict{Status: unresolved, Reason: reason}
	}
	for _, call := range calls {
		req, reason := c.testStateRequest(e, tpl, call)
		if req == nil {
			return verdict{Status: unresolved, Reason: keyed(calls, call, reason)}
		}
		if d, err := replayTestState(ctx, req, call.want); err != nil {
			return verdict{Status: failed, Reason: "harness: " + oneLine(err)}
		} else if d != "" {
			return verdict{Status: failed, Reason: keyed(calls, call, d), Detail: []string{d}}
		}
	}
	return verdict{Status: passed}
}

func keyed(calls []testStateCall, call testStateCall, reason string) string {
	if len(calls) > 1 {
		return call.key + ": " + reason
	}
	return reason
}

// testStateTemplate picks the one TestState template an entry uses: the
// one its facts name, else the one INDEX.json names under test_state/.
func (c *corpus) testStateTemplate(e *entry) (*template, string) {
	fact := testStateFactFor(e.TestID)
	if name, ok := fact.templateByParam[e.Param]; ok {
		fact.template = name
	}
	if fact.template != "" {
		return factTemplate(c.named(fact.template), fact, e.Param)
	}
	var paths []string
	for _, p := range e.Templates {
		if strings.Contains(p, "/templates/test_state/") && !strings.Contains(strings.Join(paths, " "), p) {
			paths = append(paths, p)
		}
	}
	if len(paths) != 1 {
		return nil, fmt.Sprintf("the test picks one of %d templates in Python", len(paths))
	}
	t, err := loadTemplate(paths[0], e.Param, e.Edit)
	if err != nil {
		return nil, oneLine(err)
	}
	return t, ""
}

// factTemplate loads the template a test's facts name, fills its literal
// and takes out the state the test tests.
func factTemplate(paths []string, fact testStateFact, param string) (*template, string) {
	if len(paths) > 1 {
		paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return !strings.Contains(p, "/templates/test_state/") })
	}
	if len(paths) != 1 {
		return nil, fmt.Sprintf("%d templates named %s", len(paths), fact.template)
	}
	var ed *edit
	if fact.literal != nil {
		lit, ok := fact.literal[param]
		if !ok {
			return nil, "no literal known for parameter " + param
		}
		ed = &edit{literal: lit}
	}
	t, err := loadTemplate(paths[0], param, ed)
	if err != nil {
		return nil, oneLine(err)
	}
	if field, ok := fact.fieldFor(param); ok {
		t.Def[field] = fact.setValue
	}
	if fact.extract == "" {
		return t, ""
	}
	st := stateDef(t.Def, fact.extract)
	if st == nil {
		return nil, fmt.Sprintf("template %s has no state %s", t.File, fact.extract)
	}
	t.Def = st
	return t, ""
}

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
	req := &testStateRequest{definition: def, input: input}
	req.opts.InspectionLevel = interp.InspectINFO
	if _, ok := call.want["inspectionData"]; ok {
		req.opts.InspectionLevel = interp.InspectDEBUG
	}
	if !fact.noRole {
		req.opts.RoleARN = testStateRole
	}
	req.opts.RetrierRetryCount = fact.retryCount[call.key]
	req.opts.Context = fact.contextFor(e.Param)
	if vars, ok := data["variables"].(map[string]any); ok {
		req.opts.Variables = vars
	}
	st := t.Def
	if _, isMachine := t.Def["States"]; isMachine {
		req.opts.StateName = fact.stateName(call.key, e.Param)
		if req.opts.StateName == "" {
			return nil, "the test names the state to run in Python"
		}
		st = stateDef(t.Def, req.opts.StateName)
	}
	req.opts.MapIterationFailureCount = fact.mapFailures[call.key]
	req.opts.MapItemReaderData = fact.itemReaderData
	if v, ok := fact.mockFor(call.key, e.Param); ok {
		req.opts.Mock = &interp.TestStateMock{Result: v}
		return req, ""
	}
	mock, reason := testStateMock(st, data, call.want)
	if reason != "" {
		return nil, reason
	}
	req.opts.Mock = mock
	return req, ""
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

// replayTestState runs one TestState call and compares the response.
func replayTestState(ctx context.Context, req *testStateRequest, want map[string]any) (string, error) {
	in, _, err := newInterpreter()
	if err != nil {
		return "", err
	}
	res, err := in.TestState(ctx, req.definition, req.input, req.opts)
	if err != nil {
		return "", fmt.Errorf("testing state: %w", err)
	}
	return match(want, testStateResponse(res)), nil
}

// testStateResponse shapes a result as the API's response.
func testStateResponse(res *interp.TestStateResult) map[string]any {
	out := map[string]any{"status": res.Status}
	if res.HasOutput {
		out["output"] = res.Output
	}
	if res.Error != "" {
		out["error"], out["cause"] = res.Error, res.Cause
	}
	if res.NextState != "" {
		out["nextState"] = res.NextState
	}
	if res.InspectionData != nil {
		out["inspectionData"] = res.InspectionData
	}
	return reparse(mustRoundTrip(out)).(map[string]any)
}

// mustRoundTrip returns v as it reads back from JSON (numbers as float64).
func mustRoundTrip(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}
