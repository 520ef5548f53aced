package interp

import (
	"testing"
)

// FuzzRun parses arbitrary definitions and runs the valid ones on a
// virtual clock with a small transition budget: whatever the input, an
// execution must end, without panicking.
func FuzzRun(f *testing.F) {
	f.Add([]byte(`{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.a.b","End":true}}}`), []byte(`{"a":1}`))
	f.Add([]byte(`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":3,"Next":"D"}],"Default":"P"},
		"P":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"C"},"D":{"Type":"Succeed"}}}`), []byte(`{"n":0}`))
	f.Add([]byte(`{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% $states.input %}",
		"ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"{% 'E' & $string($states.input) %}"}}},
		"Catch":[{"ErrorEquals":["States.ALL"],"Next":"W"}],"End":true},"W":{"Type":"Wait","Seconds":5,"End":true}}}`), []byte(`[1,2]`))
	f.Add([]byte(`{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],
		"Branches":[{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}]}}}`), []byte(`{}`))
	f.Fuzz(func(t *testing.T, def, input []byte) {
		in := newTestInterp(t, WithMaxTransitions(200), WithMaxDepth(8))
		m, err := in.Load("fuzz", def)
		if err != nil {
			return
		}
		var v any = map[string]any{}
		if x, err := decodeJSONValue(input); err == nil {
			v = x
		}
		res, _, err := in.Run(t.Context(), m, v)
		if err == nil && res == nil {
			t.Fatal("got no result and no error")
		}
	})
}
