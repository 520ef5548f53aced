package interp

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// fastCases are expressions of the fast shapes and near misses.
var fastCases = []string{
	`$states.input`,
	`$states.input.a`,
	`$states.input.a.b`,
	`$states.result.Payload`,
	`$states.errorOutput.Error`,
	`$v.request`,
	`$v`,
	`$states.input.a = 'x'`,
	`$states.input.a='x'`,
	`$states.input.a.b = "y"`,
	`{'step': 'finish', 'execution': $v.execution, 'outcome': $states.result.Payload, 'retries': $r}`,
	`{'n': 0, 'm': 12}`,
	`{}`,
	`$merge([$states.input, {'step': 'enforce'}])`,
	`$merge([$v, {'a': 'b', 'n': 3}])`,
	`$exists($states.input.retry_count) ? $states.input.retry_count : 0`,
	`$exists($states.input.a.b) ? $states.input.a : 7`,
	// Not fast: the engine answers.
	`$states.input.a != 'x'`,
	`$states.input.a = 'x' and true`,
	`$states.input[0]`,
	`{'a': 1, 'a': 2}`,
	`$states`,
	`$merge([$states.input, {'a': $v}])`,
	`$exists($states.input.a) ? $states.input.a : -1`,
	`{'a': 'b\n'}`,
}

// fastInputs are values for $states.input, $states.result, $v and $r.
var fastInputs = []string{
	`{"a": "x", "retry_count": 2, "Payload": {"k": 1}, "execution": {"id": "e"}, "request": {"p": [1, null]}}`,
	`{"a": {"b": "y"}, "Payload": "s"}`,
	`{"a": null, "Payload": null, "request": null}`,
	`{"a": [1, 2], "Payload": [{"k": 1}], "request": [], "execution": [{"id": 1}]}`,
	`{"a": [{"b": "y"}, {"b": "z"}]}`,
	`{"a": true, "retry_count": 0.5}`,
	`{"a": 3}`,
	`[{"a": "x"}]`,
	`"text"`,
	`null`,
	`{}`,
}

// TestFastExprMatchesEngine checks each fast shape against the JSONata
// engine on inputs of every kind: wherever the fast form answers, the
// engine answers the same; near misses have no fast form.
func TestFastExprMatchesEngine(t *testing.T) {
	answered := 0
	for _, src := range fastCases {
		f, err := compileJSONataField("{% "+src+" %}", "/States/S/Output")
		if err != nil {
			t.Fatalf("compiling %s: %v", src, err)
		}
		for _, in := range fastInputs {
			var v any
			if err := json.Unmarshal([]byte(in), &v); err != nil {
				t.Fatal(err)
			}
			for _, shadow := range []bool{false, true} {
				env := fastEnv(v, shadow)
				got, ok := fastOrNil{f.fast}.evalOrNil(env)
				if !ok {
					continue
				}
				answered++
				want, err := f.prog.Eval(nil, env.jsonataVars(&f.refs), nil)
				if err != nil {
					t.Errorf("%s on %s: fast form gave %v, engine failed: %v", src, in, got, err)
					continue
				}
				if want = normaliseJSONata(want); !reflect.DeepEqual(got, want) {
					t.Errorf("%s on %s (shadowed %v): got %s, want %s", src, in, shadow, show(got), show(want))
				}
			}
		}
	}
	if answered < 40 {
		t.Errorf("got %d fast answers, want the fast shapes to answer on most inputs", answered)
	}
	for _, src := range fastCases[17:] {
		if compileFastExpr(src) != nil {
			t.Errorf("%s: got a fast form, want none", src)
		}
	}
}

// evalOrNil evaluates a fast form that may be nil.
func (f fastOrNil) evalOrNil(env *evalEnv) (any, bool) {
	if f.e == nil {
		return nil, false
	}
	return f.e.eval(env)
}

type fastOrNil struct{ e fastExpr }

func fastEnv(v any, shadow bool) *evalEnv {
	vars := newVarScope(nil)
	vals := map[string]any{"v": v, "r": float64(1)}
	if shadow {
		vals["merge"], vals["exists"] = "x", "y"
	}
	vars.assign(vals)
	return &evalEnv{th: &thread{vars: vars}, states: statesVar{input: v, result: v, hasResult: true, errorOutput: v, hasError: true}}
}

func show(v any) string { b, _ := json.Marshal(v); return fmt.Sprintf("%s", b) }

// FuzzFastExpr compares the fast form of any expression that has one with
// the engine, on the inputs above.
func FuzzFastExpr(f *testing.F) {
	for _, src := range fastCases {
		f.Add(src)
	}
	var inputs []any
	for _, in := range fastInputs {
		var v any
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			f.Fatal(err)
		}
		inputs = append(inputs, v)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if compileFastExpr(src) == nil {
			return
		}
		j, err := compileJSONataField("{% "+src+" %}", "/States/S/Output")
		if err != nil {
			return // the engine refuses it: the state machine does not load
		}
		for _, v := range inputs {
			env := fastEnv(v, false)
			got, ok := j.fast.eval(env)
			if !ok {
				continue
			}
			want, err := j.prog.Eval(nil, env.jsonataVars(&j.refs), nil)
			if err != nil || !reflect.DeepEqual(got, normaliseJSONata(want)) {
				t.Fatalf("%s on %s: got %s, want %s (error %v)", src, show(v), show(got), show(want), err)
			}
		}
	})
}
