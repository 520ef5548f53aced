package interp

import (
	"testing"
)

type runCase struct {
	name      string
	def       string
	input     string
	want      string // expected output JSON, when the run succeeds
	wantError string // expected error name, when it fails
}

func runCases(t *testing.T, cases []runCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			in := newTestInterp(t)
			res, _ := run(t, in, tt.def, tt.input)
			if tt.wantError != "" {
				if res.Status == StatusSucceeded || res.Error != tt.wantError {
					t.Fatalf("got %s %s (%s), want error %s", res.Status, res.Error, res.Cause, tt.wantError)
				}
				return
			}
			if res.Status != StatusSucceeded {
				t.Fatalf("got %s %s: %s, want success", res.Status, res.Error, res.Cause)
			}
			if got, want := encode(res.Output), encode(decode(t, tt.want)); got != want {
				t.Fatalf("got %s, want %s", got, want)
			}
		})
	}
}

func TestPass(t *testing.T) {
	runCases(t, []runCase{
		{name: "identity", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`, input: `{"a":1}`, want: `{"a":1}`},
		{name: "result", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"x","End":true}}}`, input: `{"a":1}`, want: `"x"`},
		{name: "result path nested", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":"$.b.c","End":true}}}`, input: `{"a":1}`, want: `{"a":1,"b":{"c":1}}`},
		{name: "result path null", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":null,"End":true}}}`, input: `{"a":1}`, want: `{"a":1}`},
		{name: "input output path", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.a","OutputPath":"$.b","End":true}}}`, input: `{"a":{"b":[1]}}`, want: `[1]`},
		{name: "input path null", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":null,"End":true}}}`, input: `{"a":1}`, want: `{}`},
		{name: "parameters", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"$.a","lit":[1,{"y.$":"$.a"}],"c.$":"$$.State.Name"},"End":true}}}`, input: `{"a":7}`, want: `{"c":"A","lit":[1,{"y":7}],"x":7}`},
		{name: "parameters query", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"$.l[*].v"},"End":true}}}`, input: `{"l":[{"v":1},{"v":2}]}`, want: `{"x":[1,2]}`},
		{name: "missing parameter path", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"$.nope"},"End":true}}}`, input: `{}`, wantError: ErrRuntime},
		{name: "missing input path", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.nope","End":true}}}`, input: `{}`, wantError: ErrRuntime},
		{name: "result path on scalar", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":"$.a.b","End":true}}}`, input: `{"a":"s"}`, wantError: ErrResultPathMatch},
		{name: "execution input in context", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"i.$":"$$.Execution.Input"},"End":true}}}`, input: `{"a":1}`, want: `{"i":{"a":1}}`},
	})
}

func TestFailSucceedWait(t *testing.T) {
	runCases(t, []runCase{
		{name: "fail", def: `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"c"}}}`, wantError: "E"},
		{name: "fail path", def: `{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"$.c"}}}`, input: `{"e":"X","c":"y"}`, wantError: "X"},
		{name: "succeed output path", def: `{"StartAt":"S","States":{"S":{"Type":"Succeed","OutputPath":"$.a"}}}`, input: `{"a":2}`, want: `2`},
		{name: "wait seconds", def: `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`, input: `{"a":1}`, want: `{"a":1}`},
		{name: "wait seconds path", def: `{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}`, input: `{"s":5}`, want: `{"s":5}`},
		{name: "wait negative", def: `{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}`, input: `{"s":-1}`, wantError: ErrRuntime},
		{name: "wait timestamp", def: `{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2030-01-01T00:00:00Z","End":true}}}`, input: `{}`, want: `{}`},
		{name: "wait bad timestamp", def: `{"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.t","End":true}}}`, input: `{"t":"2016-13-05T21:29:29Z"}`, wantError: ErrRuntime},
	})
}

func TestChoice(t *testing.T) {
	def := func(rule string) string {
		return `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[` + rule + `],"Default":"N"},
			"Y":{"Type":"Pass","Result":"yes","End":true},"N":{"Type":"Pass","Result":"no","End":true}}}`
	}
	yes := func(name, rule, input string) runCase {
		return runCase{name: name, def: def(rule), input: input, want: `"yes"`}
	}
	no := func(name, rule, input string) runCase {
		return runCase{name: name, def: def(rule), input: input, want: `"no"`}
	}
	runCases(t, []runCase{
		yes("string equals", `{"Variable":"$.s","StringEquals":"a","Next":"Y"}`, `{"s":"a"}`),
		no("string equals type mismatch", `{"Variable":"$.s","StringEquals":"1","Next":"Y"}`, `{"s":1}`),
		yes("string less", `{"Variable":"$.s","StringLessThan":"b","Next":"Y"}`, `{"s":"a"}`),
		yes("string matches", `{"Variable":"$.s","StringMatches":"log-*.txt","Next":"Y"}`, `{"s":"log-a/b.txt"}`),
		yes("string matches escaped star", `{"Variable":"$.s","StringMatches":"a\\*b","Next":"Y"}`, `{"s":"a*b"}`),
		no("string matches escaped star literal", `{"Variable":"$.s","StringMatches":"a\\*b","Next":"Y"}`, `{"s":"axb"}`),
		yes("numeric gte path", `{"Variable":"$.n","NumericGreaterThanEqualsPath":"$.m","Next":"Y"}`, `{"n":2,"m":2}`),
		no("numeric lt", `{"Variable":"$.n","NumericLessThan":1,"Next":"Y"}`, `{"n":2}`),
		yes("boolean", `{"Variable":"$.b","BooleanEquals":true,"Next":"Y"}`, `{"b":true}`),
		yes("timestamp", `{"Variable":"$.t","TimestampGreaterThan":"2020-01-01T00:00:00Z","Next":"Y"}`, `{"t":"2021-01-01T00:00:00.5+01:00"}`),
		yes("is present", `{"Variable":"$.x","IsPresent":false,"Next":"Y"}`, `{}`),
		yes("is null", `{"Variable":"$.x","IsNull":true,"Next":"Y"}`, `{"x":null}`),
		yes("is numeric", `{"Variable":"$.x","IsNumeric":true,"Next":"Y"}`, `{"x":1.5}`),
		yes("is string", `{"Variable":"$.x","IsString":true,"Next":"Y"}`, `{"x":"s"}`),
		yes("is boolean", `{"Variable":"$.x","IsBoolean":false,"Next":"Y"}`, `{"x":"s"}`),
		yes("is timestamp", `{"Variable":"$.x","IsTimestamp":true,"Next":"Y"}`, `{"x":"2016-03-14T01:59:00Z"}`),
		yes("and", `{"And":[{"Variable":"$.a","NumericEquals":1},{"Variable":"$.b","StringEquals":"x"}],"Next":"Y"}`, `{"a":1,"b":"x"}`),
		yes("or", `{"Or":[{"Variable":"$.a","NumericEquals":2},{"Variable":"$.b","StringEquals":"x"}],"Next":"Y"}`, `{"a":1,"b":"x"}`),
		yes("not", `{"Not":{"Variable":"$.a","NumericEquals":2},"Next":"Y"}`, `{"a":1}`),
		{name: "missing variable", def: def(`{"Variable":"$.nope","NumericEquals":1,"Next":"Y"}`), input: `{}`, wantError: ErrRuntime},
		{name: "no default", def: `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","NumericEquals":1,"Next":"Y"}]},"Y":{"Type":"Succeed"}}}`, input: `{"a":2}`, wantError: ErrNoChoiceMatched},
	})
}

func TestParallelAndMap(t *testing.T) {
	runCases(t, []runCase{
		{name: "parallel", def: `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}},
			{"StartAt":"B","States":{"B":{"Type":"Pass","InputPath":"$.x","End":true}}}]}}}`, input: `{"x":2}`, want: `[1,2]`},
		{name: "parallel failure", def: `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":10,"End":true}}},
			{"StartAt":"B","States":{"B":{"Type":"Fail","Error":"Boom"}}}]}}}`, wantError: "Boom"},
		{name: "parallel catch", def: `{"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Z","Catch":[{"ErrorEquals":["Boom"],"ResultPath":"$.err","Next":"Z"}],"Branches":[
			{"StartAt":"B","States":{"B":{"Type":"Fail","Error":"Boom","Cause":"c"}}}]},"Z":{"Type":"Succeed"}}}`, input: `{"a":1}`, want: `{"a":1,"err":{"Cause":"c","Error":"Boom"}}`},
		{name: "map", def: `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.l","End":true,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$"},"End":true}}}}}}`,
			input: `{"l":[1,2,3]}`, want: `[{"v":1},{"v":2},{"v":3}]`},
		{name: "map item selector", def: `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.l","MaxConcurrency":1,"ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},"End":true,"Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`,
			input: `{"l":["a","b"],"k":0}`, want: `[{"i":0,"k":0,"v":"a"},{"i":1,"k":0,"v":"b"}]`},
		{name: "map failure", def: `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"P"},"P":{"Type":"Pass","End":true},"F":{"Type":"Fail","Error":"Two"}}}}}}`,
			input: `[1,2,3]`, wantError: "Two"},
		{name: "map tolerated", def: `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"P"},"P":{"Type":"Pass","End":true},"F":{"Type":"Fail","Error":"Two"}}}}}}`,
			input: `[1,2,3]`, want: `[1,{"Cause":"","Error":"Two"},3]`},
		{name: "map exceeded tolerance", def: `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ToleratedFailurePercentage":10,"ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"X"}}}}}}`,
			input: `[1,2,3]`, wantError: ErrExceedTolerated},
		{name: "map not array", def: `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`,
			input: `{"a":1}`, wantError: ErrQueryEvaluation},
		{name: "map negative tolerance", def: `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ToleratedFailureCountPath":"$.t","ItemsPath":"$.l","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`,
			input: `{"t":-1,"l":[1]}`, wantError: ErrRuntime},
		{name: "map bad max concurrency path", def: `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrencyPath":"$.c","ItemsPath":"$.l","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`,
			input: `{"c":"NoNumber","l":[1]}`, wantError: ErrRuntime},
		{name: "runtime not caught even when named", def: `{"StartAt":"P","States":{"P":{"Type":"Parallel","OutputPath":"$.nope","Next":"Z","Catch":[{"ErrorEquals":["States.Runtime"],"Next":"Z"}],"Branches":[
			{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]},"Z":{"Type":"Succeed"}}}`, wantError: ErrRuntime},
	})
}
