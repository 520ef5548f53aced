package jsonata_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	jsonatalib "github.com/blues/jsonata-go"

	"github.com/stormless/stormless/internal/asl/jsonata"
)

// asJSON renders v for messages.
func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// mustJSON decodes s or fails.
func mustJSON(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	return v
}

// statesVars is the variables of a typical state.
func statesVars(t testing.TB) map[string]any {
	return map[string]any{
		"states": mustJSON(t, `{"input": {"items": [], "n": null, "list": [1, 2, 3], "name": "Ada",
			"orders": [{"id": 1, "price": 10}, {"id": 2, "price": 0.5}]},
			"context": {"Execution": {"Id": "arn:x"}}, "result": {"Payload": {"status": "ok"}}}`),
		"counter": 3.0,
		"config":  mustJSON(t, `{"limit": 2, "tags": []}`),
	}
}

func TestEval(t *testing.T) {
	tests := []struct {
		name string
		expr string
		want string
	}{
		{name: "input field", expr: "$states.input.name", want: `"Ada"`},
		{name: "null field is null", expr: "$states.input.n", want: `null`},
		{name: "empty array is kept", expr: "$states.input.items", want: `[]`},
		{name: "empty array in a variable", expr: "$config.tags", want: `[]`},
		{name: "variable", expr: "$counter + 1", want: `4`},
		{name: "context", expr: "$states.context.Execution.Id", want: `"arn:x"`},
		{name: "result", expr: "$states.result.Payload.status = 'ok'", want: `true`},
		{name: "filter", expr: "$states.input.orders[price > 1].id", want: `1`},
		{name: "object constructor", expr: "{'total': $sum($states.input.orders.price), 'n': $states.input.n}", want: `{"n":null,"total":10.5}`},
		{name: "lambda map", expr: "$map($states.input.list, function($v) { $v = 1 ? 'pass' : 'failed' })", want: `["pass","failed","failed"]`},
		{name: "comment", expr: "/* double */ $counter * 2", want: `6`},
		{name: "string with comment marks", expr: "'/* kept */'", want: `"/* kept */"`},
		{name: "partition", expr: "$partition($states.input.list, 2)", want: `[[1,2],[3]]`},
		{name: "range", expr: "$range(0, 10, 5)", want: `[0,5,10]`},
		{name: "range of one is a number", expr: "$range(1, 9, 9)", want: `1`},
		{name: "hash", expr: "$hash('input data', 'MD5')", want: `"812f45842bc6d66ee14572ce20db8e86"`},
		{name: "parse", expr: `$parse('{"a": [1, null]}')`, want: `{"a":[1,null]}`},
		{name: "lookup of a missing key is undefined", expr: "$exists($lookup($states.input, 'nope'))", want: `false`},
		{name: "lookup default", expr: "($g := $lookup($states.input, 'nope'); $exists($g) ? $g : 'dflt')", want: `"dflt"`},
		{name: "lookup of null", expr: "[$exists($lookup($states.input, 'n')), $lookup($states.input, 'n')]", want: `[true,null]`},
		{name: "lookup in an array", expr: "$lookup($states.input.orders, 'id')", want: `[1,2]`},
		{name: "url component", expr: "$encodeUrlComponent('a b&c')", want: `"a%20b%26c"`},
		{name: "variable hides a function", expr: "$hash", want: `"shadowed"`},
		{name: "recursion", expr: "($fact := function($n){ $n <= 1 ? 1 : $n * $fact($n - 1) }; $fact(10))", want: `3628800`},
		{name: "deep recursion within the limit", expr: "($f := function($n){ $n = 0 ? 'done' : $f($n - 1) }; $f(900))", want: `"done"`},
		{name: "currying", expr: "($add := function($a){ function($b){ $a + $b } }; $add(2)(3))", want: `5`},
		{name: "lambda with signature", expr: "($f := function($x)<n:n>{ $x * 2 }; $f(4))", want: `8`},
		{name: "lambda with braces in strings", expr: "($f := function($s){ $replace($s & '}', /[{}]/, '') }; $f('{a'))", want: `"a"`},
		{name: "lambda returning null", expr: "($f := function(){ null }; $f())", want: `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := jsonata.Compile(tt.expr)
			if err != nil {
				t.Fatalf("compiling: %v", err)
			}
			vars := statesVars(t)
			if tt.name == "variable hides a function" {
				vars["hash"] = "shadowed"
			}
			got, err := e.Eval(nil, vars)
			if err != nil {
				t.Fatalf("got error %v, want %s", err, tt.want)
			}
			if !reflect.DeepEqual(got, mustJSON(t, tt.want)) {
				t.Errorf("got %s, want %s", asJSON(got), tt.want)
			}
		})
	}
}

func TestEvalErrors(t *testing.T) {
	tests := []struct {
		name   string
		expr   string
		target any // pointer to the expected error type
		detail string
	}{
		{name: "undefined variable", expr: "$doesNotExist", target: new(*jsonata.UndefinedError)},
		{name: "missing field", expr: "$states.input.nope", target: new(*jsonata.UndefinedError)},
		{name: "unknown function", expr: "$randomSeeded(1)", target: new(*jsonata.Error), detail: "T1006: Attempted to invoke a non-function"},
		{name: "type error", expr: "'a' + 1", target: new(*jsonata.Error), detail: "T2001: The left side of the + operator must evaluate to a number"},
		{name: "error function", expr: "$error('boom')", target: new(*jsonata.Error), detail: "D3137: boom"},
		{name: "function result", expr: "$fn := function($x){$x}", target: new(*jsonata.UnsupportedResultError)},
		{name: "partition size", expr: "$partition([1], 0)", target: new(*jsonata.Error)},
		{name: "range too long", expr: "$range(1, 1001, 1)", target: new(*jsonata.Error)},
		{name: "hash algorithm", expr: "$hash('a', 'SHA-3')", target: new(*jsonata.Error)},
		{name: "parse invalid", expr: "$parse('{')", target: new(*jsonata.Error)},
		{name: "runaway recursion", expr: "($f := function($x){ $f($x + 1) }; $f(1))", target: new(*jsonata.Error),
			detail: "U1001: Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."},
		{name: "lambda returning undefined", expr: "($f := function(){ $nope }; $f())", target: new(*jsonata.UndefinedError)},
		{name: "partition of undefined", expr: "$partition($nope, 2)", target: new(*jsonata.UndefinedError)},
		{name: "added function signature", expr: "$hash(1, 'MD5')", target: new(*jsonata.Error), detail: "T0410: Argument 1 of function hash does not match function signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := jsonata.Compile(tt.expr)
			if err != nil {
				t.Fatalf("compiling: %v", err)
			}
			_, err = e.Eval(nil, statesVars(t))
			if !errors.As(err, tt.target) {
				t.Fatalf("got %v (%T), want %T", err, err, tt.target)
			}
			var je *jsonata.Error
			if tt.detail != "" && (!errors.As(err, &je) || je.Detail() != tt.detail) {
				t.Errorf("got %v, want detail %q", err, tt.detail)
			}
			var aslErr interface{ ASLError() (string, string) }
			if !errors.As(err, &aslErr) {
				t.Fatalf("got %v, want an ASL error", err)
			}
			if name, _ := aslErr.ASLError(); name != "States.QueryEvaluationError" {
				t.Errorf("got %s, want States.QueryEvaluationError", name)
			}
		})
	}
}

func TestUndefinedIsNotNull(t *testing.T) {
	e, _ := jsonata.Compile("$states.input.nope")
	_, err := e.Eval(nil, statesVars(t))
	if !errors.Is(err, jsonata.ErrUndefined) {
		t.Errorf("got %v, want ErrUndefined", err)
	}
	e, _ = jsonata.Compile("null")
	if v, err := e.Eval(nil, nil); v != nil || err != nil {
		t.Errorf("got %v, %v, want nil, nil", v, err)
	}
}

func TestTemplates(t *testing.T) {
	tests := []struct {
		name     string
		s        string
		template bool
		expr     string
	}{
		{name: "template", s: "{% $states.input %}", template: true, expr: "$states.input"},
		{name: "no spaces", s: "{%1%}", template: true, expr: "1"},
		{name: "leading space", s: " {% 1 %}", template: false},
		{name: "trailing space", s: "{% 1 %} ", template: false},
		{name: "plain string", s: "hello", template: false},
		{name: "half", s: "{% 1", template: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jsonata.IsTemplate(tt.s); got != tt.template {
				t.Fatalf("got IsTemplate %v, want %v", got, tt.template)
			}
			e, err := jsonata.ParseTemplate(tt.s)
			if !tt.template {
				var se *jsonata.SyntaxError
				if !errors.As(err, &se) {
					t.Errorf("got %v, want a *SyntaxError", err)
				}
				return
			}
			if err != nil || e.String() != tt.expr {
				t.Errorf("got %v (%v), want expression %q", e, err, tt.expr)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	for _, expr := range []string{"(", "$states.input.", "{'a': }", "1 +", strings.Repeat("-", 40000) + "1"} {
		t.Run(expr[:min(len(expr), 20)], func(t *testing.T) {
			var se *jsonata.SyntaxError
			if _, err := jsonata.Compile(expr); !errors.As(err, &se) {
				t.Errorf("got %v, want a *SyntaxError", err)
			}
		})
	}
}

func TestRandomness(t *testing.T) {
	seeded, _ := jsonata.Compile("$random(42)")
	a, _ := seeded.Eval(nil, nil)
	b, _ := seeded.Eval(nil, nil)
	if a != b {
		t.Errorf("got %v then %v, want the same number for the same seed", a, b)
	}
	uuid, _ := jsonata.Compile("$uuid()")
	src := rand.NewPCG(7, 7)
	first, _ := uuid.EvalWith(nil, nil, jsonata.WithRandom(src))
	src.Seed(7, 7)
	again, _ := uuid.EvalWith(nil, nil, jsonata.WithRandom(src))
	if first != again {
		t.Errorf("got %v then %v, want the same UUID from the same source state", first, again)
	}
	r, _ := jsonata.Compile("$random()")
	v, err := r.Eval(nil, nil)
	if f, ok := v.(float64); err != nil || !ok || f < 0 || f >= 1 {
		t.Errorf("got %v (%v), want a number in [0, 1)", v, err)
	}
}

func TestClock(t *testing.T) {
	at := time.Date(2024, 2, 29, 12, 30, 0, 0, time.UTC)
	e, _ := jsonata.Compile("[$now(), $millis(), $now('[Y0001]-[M01]-[D01]')]")
	got, err := e.EvalWith(nil, nil, jsonata.WithClock(func() time.Time { return at }))
	want := []any{"2024-02-29T12:30:00.000Z", float64(at.UnixMilli()), "2024-02-29"}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v (%v), want %v", got, err, want)
	}
}

// program is the interface the interpreter's JSONata bridge declares.
type program interface {
	Eval(input any, vars map[string]any) (any, error)
}

var _ program = (*jsonata.Expr)(nil)

func TestConcurrentEvaluations(t *testing.T) {
	e, err := jsonata.Compile("$x * 2")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				x := float64(g*1000 + i)
				got, err := e.Eval(nil, map[string]any{"x": x})
				if err != nil || got != 2*x {
					errs <- fmt.Errorf("got %v (%v), want %v", got, err, 2*x)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{"$states.input.a", "$map([1], function($v){$v})", "/* c */ 1", "{'a': [1..3]}", "$partition([1,2], 1)", "'a' & \"b\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := jsonata.Compile(s)
		if err != nil {
			return
		}
		_, _ = e.Eval(map[string]any{"a": []any{1.0, nil}}, map[string]any{"v": map[string]any{}})
	})
}

func BenchmarkEval(b *testing.B) {
	vars := statesVars(b)
	for _, bc := range []struct{ name, expr string }{
		{name: "field", expr: "$states.input.name"},
		{name: "arithmetic", expr: "$counter + $sum($states.input.list)"},
		{name: "object", expr: "{'id': $states.context.Execution.Id, 'total': $sum($states.input.orders.price)}"},
		{name: "lambda", expr: "$map($states.input.list, function($v) { $v * 2 })"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				e, err := jsonata.Compile(bc.expr) // cached: what the interpreter pays per transition
				if err != nil {
					b.Fatal(err)
				}
				if _, err := e.Eval(nil, vars); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}

// BenchmarkBaseline is the library alone, compiled once, with the input
// bound as its context: what the wrapper's evaluations compare against.
func BenchmarkBaseline(b *testing.B) {
	e, err := jsonatalib.Compile("input.name")
	if err != nil {
		b.Fatal(err)
	}
	doc := map[string]any{"input": map[string]any{"name": "Ada"}}
	for b.Loop() {
		if _, err := e.Eval(doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "evals/s")
}
