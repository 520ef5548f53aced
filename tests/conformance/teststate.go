package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
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
