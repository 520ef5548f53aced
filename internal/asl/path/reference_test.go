package path

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// mustJSON decodes s or fails the test.
func mustJSON(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	return v
}

// asJSON renders v for messages and comparisons.
func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func TestParseReference(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		root    Root
		varName string
		steps   string // normalized steps, "" when invalid
	}{
		{name: "root", path: "$", root: Input, steps: "$"},
		{name: "dots", path: "$.a.b", root: Input, steps: "$['a']['b']"},
		{name: "bracket", path: "$['a b']", root: Input, steps: "$['a b']"},
		{name: "double quotes", path: `$["a.b"]`, root: Input, steps: "$['a.b']"},
		{name: "index", path: "$.a[0]", root: Input, steps: "$['a'][0]"},
		{name: "negative index", path: "$.a[-1]", root: Input, steps: "$['a'][-1]"},
		{name: "spaces in brackets", path: "$[ 'a' ][ 2 ]", root: Input, steps: "$['a'][2]"},
		{name: "escaped quote", path: `$['it\'s']`, root: Input, steps: "$['it's']"},
		{name: "other escapes kept", path: `$['Test\""Name"']`, root: Input, steps: `$['Test\""Name"']`},
		{name: "dash and unicode", path: "$.a-b.é", root: Input, steps: "$['a-b']['é']"},
		{name: "context", path: "$$.Execution.Id", root: Context, steps: "$['Execution']['Id']"},
		{name: "whole context", path: "$$", root: Context, steps: "$"},
		{name: "variable", path: "$myVar.a", root: Variable, varName: "myVar", steps: "$['a']"},
		{name: "variable alone", path: "$_v1", root: Variable, varName: "_v1", steps: "$"},
		{name: "no dollar", path: "a.b"},
		{name: "empty", path: ""},
		{name: "wildcard", path: "$.a.*"},
		{name: "bracket wildcard", path: "$.a[*]"},
		{name: "deep scan", path: "$..a"},
		{name: "filter", path: "$.a[?(@.x > 1)]"},
		{name: "slice", path: "$.a[0:2]"},
		{name: "union", path: "$.a[0,1]"},
		{name: "name union", path: "$['a','b']"},
		{name: "function", path: "$.a.length()"},
		{name: "trailing dot", path: "$.a."},
		{name: "unterminated bracket", path: "$['a'"},
		{name: "unterminated quote", path: "$['a]"},
		{name: "space in name", path: "$.a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseReference(tt.path)
			if tt.steps == "" {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("got %v, want a *SyntaxError", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if got := normalized(r.steps); got != tt.steps || r.Root() != tt.root || r.Variable() != tt.varName {
				t.Errorf("got %s root %v var %q, want %s root %v var %q",
					got, r.Root(), r.Variable(), tt.steps, tt.root, tt.varName)
			}
		})
	}
}

func TestReferenceGet(t *testing.T) {
	doc := `{"a": {"b": [10, 20, {"c": "x"}], "n": null, "s": "str"}, "k y": true}`
	tests := []struct {
		name   string
		path   string
		want   string
		detail string
	}{
		{name: "root", path: "$", want: `{"a":{"b":[10,20,{"c":"x"}],"n":null,"s":"str"},"k y":true}`},
		{name: "nested", path: "$.a.b[2].c", want: `"x"`},
		{name: "negative index", path: "$.a.b[-3]", want: `10`},
		{name: "bracket name", path: "$['k y']", want: `true`},
		{name: "null value", path: "$.a.n", want: `null`},
		{name: "missing leaf", path: "$.a.x", detail: "No results for path: $['a']['x']"},
		{name: "missing intermediate", path: "$.x.y.z", detail: "Missing property in path $['x']"},
		{name: "index out of range", path: "$.a.b[3]", detail: "No results for path: $['a']['b'][3]"},
		{name: "property of string", path: "$.a.s.t",
			detail: "Expected to find an object with property ['t'] in path $['a']['s'] but found 'string'"},
		{name: "index of null", path: "$.a.n[0]", detail: "The path $['a']['n'] is null"},
		{name: "index of object", path: "$.a[0]",
			detail: `Filter: [0] can only be applied to arrays. Current context is: {"b":[10,20,{"c":"x"}],"n":null,"s":"str"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseReference(tt.path)
			if err != nil {
				t.Fatalf("parsing: %v", err)
			}
			got, err := r.Get(mustJSON(t, doc))
			if tt.detail != "" {
				var nf *NotFoundError
				if !errors.As(err, &nf) || nf.Detail != tt.detail || nf.Path != tt.path {
					t.Fatalf("got error %v, want NotFoundError %q", err, tt.detail)
				}
				return
			}
			if err != nil || asJSON(got) != tt.want {
				t.Errorf("got %s (%v), want %s", asJSON(got), err, tt.want)
			}
		})
	}
}

func TestReferenceSet(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		doc   string
		value string
		want  string // "" when Set must fail
	}{
		{name: "replace root", path: "$", doc: `{"a":1}`, value: `"x"`, want: `"x"`},
		{name: "new field", path: "$.r", doc: `{"a":1}`, value: `2`, want: `{"a":1,"r":2}`},
		{name: "replace field", path: "$.a", doc: `{"a":1}`, value: `{"z":0}`, want: `{"a":{"z":0}}`},
		{name: "create intermediates", path: "$.x.y.z", doc: `{"a":1}`, value: `true`,
			want: `{"a":1,"x":{"y":{"z":true}}}`},
		{name: "into existing object", path: "$.a.b", doc: `{"a":{"c":1}}`, value: `2`, want: `{"a":{"b":2,"c":1}}`},
		{name: "array element", path: "$.a[1]", doc: `{"a":[1,2,3]}`, value: `9`, want: `{"a":[1,9,3]}`},
		{name: "inside array element", path: "$.a[-1].b", doc: `{"a":[{},{}]}`, value: `9`, want: `{"a":[{},{"b":9}]}`},
		{name: "field of string input", path: "$.a", doc: `"text"`, value: `1`},
		{name: "field of array input", path: "$.a", doc: `[1]`, value: `1`},
		{name: "through a string", path: "$.a.b", doc: `{"a":"s"}`, value: `1`},
		{name: "through null", path: "$.a.b", doc: `{"a":null}`, value: `1`},
		{name: "index out of range", path: "$.a[3]", doc: `{"a":[1]}`, value: `1`},
		{name: "index creating an array", path: "$.a[0]", doc: `{}`, value: `1`},
		{name: "context root", path: "$$.a", doc: `{}`, value: `1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseReference(tt.path)
			if err != nil {
				t.Fatalf("parsing: %v", err)
			}
			doc := mustJSON(t, tt.doc)
			before := asJSON(doc)
			got, err := r.Set(doc, mustJSON(t, tt.value))
			if asJSON(doc) != before {
				t.Errorf("input changed to %s, want %s", asJSON(doc), before)
			}
			if tt.want == "" {
				var rp *ResultPathMatchFailureError
				if !errors.As(err, &rp) {
					t.Fatalf("got %v, want a *ResultPathMatchFailureError", err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, mustJSON(t, tt.want)) {
				t.Errorf("got %s (%v), want %s", asJSON(got), err, tt.want)
			}
		})
	}
}

func TestResultPathMatchFailureMessage(t *testing.T) {
	r, _ := ParseReference("$.partitioned")
	_, err := r.Set(mustJSON(t, `"a"`), 1)
	name, cause := err.(interface{ ASLError() (string, string) }).ASLError()
	want := `Unable to apply ReferencePath $.partitioned to input "\"a\""`
	if name != "States.ResultPathMatchFailure" || cause != want {
		t.Errorf("got %s %s, want States.ResultPathMatchFailure %s", name, cause, want)
	}
}
