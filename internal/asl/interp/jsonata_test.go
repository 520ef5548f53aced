package interp

import (
	"strings"
	"testing"
)

func TestJSONata(t *testing.T) {
	runCases(t, []runCase{
		{name: "output", def: `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"sum":"{% $states.input.a + $states.input.b %}","lit":[1,"{% 'x' %}"]},"End":true}}}`,
			input: `{"a":1,"b":2}`, want: `{"lit":[1,"x"],"sum":3}`},
		{name: "per state language", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input.a %}","Next":"B"},"B":{"Type":"Pass","InputPath":"$","End":true}}}`,
			input: `{"a":[1]}`, want: `[1]`},
		{name: "assign then read", def: `{"QueryLanguage":"JSONata","StartAt":"A","States":{
			"A":{"Type":"Pass","Assign":{"x":"{% $states.input.v %}","y":5},"Next":"B"},
			"B":{"Type":"Pass","Assign":{"x":"{% $x + 1 %}","old":"{% $x %}"},"Next":"C"},
			"C":{"Type":"Pass","Output":{"x":"{% $x %}","old":"{% $old %}","y":"{% $y %}"},"End":true}}}`,
			input: `{"v":1}`, want: `{"old":1,"x":2,"y":5}`},
		{name: "condition", def: `{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
			{"Condition":"{% $states.input.n > 1 %}","Next":"Big","Output":"{% 'big' %}"}],"Default":"Small"},
			"Big":{"Type":"Succeed"},"Small":{"Type":"Pass","Output":"small","End":true}}}`, input: `{"n":2}`, want: `"big"`},
		{name: "undefined output", def: `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $nope %}","End":true}}}`, wantError: ErrQueryEvaluation},
		{name: "task result and error output", def: `{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
			"Arguments":{"FunctionName":"missing"},"Catch":[{"ErrorEquals":["States.ALL"],"Output":{"e":"{% $states.errorOutput.Error %}"},"Assign":{"caught":true},"Next":"H"}],"End":true},
			"H":{"Type":"Pass","Output":{"e":"{% $states.input.e %}","c":"{% $caught %}"},"End":true}}}`, want: `{"c":true,"e":"Lambda.ResourceNotFoundException"}`},
		{name: "map items and context", def: `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% $states.input.l %}",
			"ItemSelector":{"i":"{% $states.context.Map.Item.Index %}","v":"{% $states.context.Map.Item.Value %}"},
			"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"Output":"{% $states.result.v %}","End":true}}}`,
			input: `{"l":["a","b"]}`, want: `["a","b"]`},
		{name: "inner scope reads outer, cannot leak", def: `{"QueryLanguage":"JSONata","StartAt":"A","States":{
			"A":{"Type":"Pass","Assign":{"x":1},"Next":"P"},
			"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"inner":"{% $x + 1 %}"},"Output":"{% $x %}","End":true}}}],"Next":"C"},
			"C":{"Type":"Pass","Output":{"r":"{% $states.input %}","x":"{% $x %}","inner":"{% $exists($inner) %}"},"End":true}}}`,
			want: `{"inner":false,"r":[1],"x":1}`},
	})
}

func TestJSONPathAssign(t *testing.T) {
	runCases(t, []runCase{
		{name: "assign and reference", def: `{"StartAt":"A","States":{
			"A":{"Type":"Pass","Result":{"v":3},"Assign":{"x.$":"$.v","lit":"s"},"Next":"B"},
			"B":{"Type":"Pass","Parameters":{"x.$":"$x","lit.$":"$lit","fmt.$":"States.Format('{}-{}', $x, $lit)"},"End":true}}}`,
			want: `{"fmt":"3-s","lit":"s","x":3}`},
	})
}

func TestAssignedVariablesInHistory(t *testing.T) {
	_, e := run(t, newTestInterp(t), `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":{"k":1}},"End":true}}}`, `{}`)
	h := e.History()
	b, _ := h[2].MarshalJSON()
	if !strings.Contains(string(b), `"assignedVariables":{"x":"{\"k\":1}"}`) {
		t.Fatalf("got %s, want assignedVariables", b)
	}
}
