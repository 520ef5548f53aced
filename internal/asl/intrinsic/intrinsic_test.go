package intrinsic_test

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"regexp"
	"testing"

	"github.com/stormless/stormless/internal/asl/intrinsic"
)

// seededEnv is a testEnv with a deterministic random source.
type seededEnv struct{ testEnv }

// RandomSource returns a fixed-seed PCG source.
func (seededEnv) RandomSource() rand.Source { return rand.NewPCG(1, 2) }

func TestEval(t *testing.T) {
	input := mustJSON(t, `{"s": "a,b", "n": 3, "f": 1.5, "arr": [1, 2, 2, {"a": 1}, {"a": 1}],
		"obj": {"b": [1, "x"], "a": null}, "t": true, "big": 1e21, "small": 0.00001}`)
	tests := []struct {
		name string
		expr string
		want string
	}{
		{name: "format escapes", expr: `States.Format('\{\} {} \'q\' \\ {}', $.s, $.n)`, want: `"{} a,b 'q' \\ 3"`},
		{name: "format object and array", expr: `States.Format('{}', $.obj)`, want: `"{a=null, b=[1, x]}"`},
		{name: "format booleans and floats", expr: `States.Format('{} {} {} {}', $.t, $.f, $.big, $.small)`, want: `"true 1.5 1.0E21 1.0E-5"`},
		{name: "format nested call", expr: `States.Format('id={}', States.ArrayLength($.arr))`, want: `"id=5"`},
		{name: "literal arguments", expr: `States.Array('x', -1.5, true, false, null)`, want: `["x",-1.5,true,false,null]`},
		{name: "empty array", expr: `States.Array()`, want: `[]`},
		{name: "unique deep", expr: `States.ArrayUnique($.arr)`, want: `[1,2,{"a":1}]`},
		{name: "contains object", expr: `States.ArrayContains($.arr, States.StringToJson('\{"a": 1\}'))`, want: `true`},
		{name: "range descending", expr: `States.ArrayRange(5, 1, -2)`, want: `[5,3,1]`},
		{name: "range empty", expr: `States.ArrayRange(1, 0, 1)`, want: `[]`},
		{name: "range of 1000", expr: `States.ArrayLength(States.ArrayRange(1, 1000, 1))`, want: `1000`},
		{name: "get item", expr: `States.ArrayGetItem($.arr, 3)`, want: `{"a":1}`},
		{name: "partition", expr: `States.ArrayPartition($.arr, 2)`, want: `[[1,2],[2,{"a":1}],[{"a":1}]]`},
		{name: "json to string no html escaping", expr: `States.JsonToString(States.Array('<&>'))`, want: `"[\"<&>\"]"`},
		{name: "string to json negative zero", expr: `States.StringToJson('-0')`, want: `0`},
		{name: "merge shallow", expr: `States.JsonMerge($.obj, States.StringToJson('\{"a": 2\}'), false)`, want: `{"a":2,"b":[1,"x"]}`},
		{name: "split any delimiter", expr: `States.StringSplit('a.b+c', '.+')`, want: `["a","b","c"]`},
		{name: "split drops empties", expr: `States.StringSplit(',,a,,', ',')`, want: `["a"]`},
		{name: "add rounds halves up", expr: `States.MathAdd(-1.5, 2.5)`, want: `2`},
		{name: "base64 round trip", expr: `States.Base64Decode(States.Base64Encode('héllo'))`, want: `"héllo"`},
		{name: "base64 decode unpadded", expr: `States.Base64Decode('YQ')`, want: `"a"`},
		{name: "hash sha-256", expr: `States.Hash('input data', 'SHA-256')`, want: `"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"`},
		{name: "seeded random is stable", expr: `States.MathRandom(0, 1000, 42)`, want: `0`},
		{name: "spaces between tokens", expr: ` States.Array( 1 ,  $.n ) `, want: `[1,3]`},
		{name: "filter path argument", expr: `States.ArrayLength($.arr[?(@ > 1)])`, want: `2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call, err := intrinsic.Parse(tt.expr)
			if err != nil {
				t.Fatalf("parsing: %v", err)
			}
			got, err := call.Eval(seededEnv{testEnv{input: input}})
			if err != nil {
				t.Fatalf("got error %v, want %s", err, tt.want)
			}
			if tt.name == "seeded random is stable" {
				again, _ := call.Eval(seededEnv{testEnv{input: input}})
				if !reflect.DeepEqual(got, again) {
					t.Fatalf("got %v then %v, want the same number for the same seed", got, again)
				}
				return
			}
			if !reflect.DeepEqual(got, mustJSON(t, tt.want)) {
				t.Errorf("got %s, want %s", asJSON(got), tt.want)
			}
		})
	}
}

func TestEvalFailures(t *testing.T) {
	input := mustJSON(t, `{"s": "x", "arr": [1], "o": {}, "long": "`+longString(10001)+`"}`)
	tests := []struct {
		name string
		expr string
	}{
		{name: "format placeholder count", expr: `States.Format('{} {}', 1)`},
		{name: "format non-string template", expr: `States.Format(1)`},
		{name: "string to json invalid", expr: `States.StringToJson('{')`},
		{name: "string to json not a string", expr: `States.StringToJson($.arr)`},
		{name: "partition zero", expr: `States.ArrayPartition($.arr, 0)`},
		{name: "partition not integer", expr: `States.ArrayPartition($.arr, 1.5)`},
		{name: "partition not array", expr: `States.ArrayPartition($.s, 1)`},
		{name: "range step zero", expr: `States.ArrayRange(1, 2, 0)`},
		{name: "range too long", expr: `States.ArrayRange(1, 1001, 1)`},
		{name: "range not integer", expr: `States.ArrayRange(1, 2.5, 1)`},
		{name: "get item out of bounds", expr: `States.ArrayGetItem($.arr, 1)`},
		{name: "get item negative", expr: `States.ArrayGetItem($.arr, -1)`},
		{name: "length of object", expr: `States.ArrayLength($.o)`},
		{name: "base64 too long", expr: `States.Base64Encode($.long)`},
		{name: "base64 invalid", expr: `States.Base64Decode('%%%')`},
		{name: "hash too long", expr: `States.Hash($.long, 'MD5')`},
		{name: "hash unknown algorithm", expr: `States.Hash('a', 'SHA-3')`},
		{name: "merge deep", expr: `States.JsonMerge($.o, $.o, true)`},
		{name: "merge not object", expr: `States.JsonMerge($.arr, $.o, false)`},
		{name: "random empty range", expr: `States.MathRandom(5, 5)`},
		{name: "add string", expr: `States.MathAdd('1', 2)`},
		{name: "split not string", expr: `States.StringSplit($.arr, ',')`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call, err := intrinsic.Parse(tt.expr)
			if err != nil {
				t.Fatalf("parsing: %v", err)
			}
			_, err = call.Eval(testEnv{input: input})
			var ie *intrinsic.Error
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an *intrinsic.Error", err)
			}
			if name, _ := ie.ASLError(); name != "States.IntrinsicFailure" {
				t.Errorf("got ASL error %s, want States.IntrinsicFailure", name)
			}
		})
	}
}

func TestEvalMissingPath(t *testing.T) {
	call, err := intrinsic.Parse(`States.Format('{}', $.missing)`)
	if err != nil {
		t.Fatal(err)
	}
	_, err = call.Eval(testEnv{input: map[string]any{}})
	var aslErr interface{ ASLError() (string, string) }
	if !errors.As(err, &aslErr) {
		t.Fatalf("got %v, want an error carrying an ASL name", err)
	}
	if name, _ := aslErr.ASLError(); name != "States.Runtime" {
		t.Errorf("got %s, want States.Runtime", name)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		expr string
	}{
		{name: "not a call", expr: `$.a`},
		{name: "unknown function", expr: `States.Nope(1)`},
		{name: "lower case", expr: `states.Array(1)`},
		{name: "missing paren", expr: `States.Array(1`},
		{name: "trailing text", expr: `States.Array(1) x`},
		{name: "too few arguments", expr: `States.ArrayGetItem($.a)`},
		{name: "too many arguments", expr: `States.UUID(1)`},
		{name: "illegal escape", expr: `States.Format('a \"b\"')`},
		{name: "unterminated string", expr: `States.Format('abc)`},
		{name: "bare word", expr: `States.Array(abc)`},
		{name: "bad number", expr: `States.Array(1.2.3)`},
		{name: "eleven calls", expr: `States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array())))))))))) `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var se *intrinsic.SyntaxError
			if _, err := intrinsic.Parse(tt.expr); !errors.As(err, &se) {
				t.Errorf("got %v, want an *intrinsic.SyntaxError", err)
			}
		})
	}
}

func TestIsCall(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want bool
	}{
		{name: "call", s: "States.Array(1)", want: true},
		{name: "unknown name still a call", s: "States.Nope()", want: true},
		{name: "path", s: "$.a", want: false},
		{name: "no parenthesis", s: "States.Array", want: false},
		{name: "plain text", s: "States", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := intrinsic.IsCall(tt.s); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUUID(t *testing.T) {
	call, _ := intrinsic.Parse("States.UUID()")
	got, err := call.Eval(seededEnv{})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := call.Eval(seededEnv{})
	v4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if s, _ := got.(string); !v4.MatchString(s) || got != again {
		t.Errorf("got %v and %v, want the same version 4 UUID from the same source", got, again)
	}
}

func TestPaths(t *testing.T) {
	call, err := intrinsic.Parse(`States.Format('{} {}', $.a[?(@.x, 1)], States.Array($$.b, $v))`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"$.a[?(@.x, 1)]", "$$.b", "$v"}
	if got := call.Paths(); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`States.Format('{} \{\}', $.a, States.UUID())`, `States.Array()`, `States.MathAdd(-1.5, 2e3)`,
		`States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)`, `States.Array($['a b'], $.x[?(@.y > 1)])`,
		`States.JsonMerge(States.StringToJson('\{"a": 1\}'), $v, false)`, `States.Hash('x', 'MD5')`,
	} {
		f.Add(s)
	}
	input := map[string]any{"a": []any{1.0, "x"}, "x": 2.0}
	f.Fuzz(func(t *testing.T, s string) {
		call, err := intrinsic.Parse(s)
		if err != nil {
			return
		}
		if call.String() == "" {
			t.Errorf("got empty String() for %q", s)
		}
		_, _ = call.Eval(seededEnv{testEnv{input: input, context: input}})
	})
}

func BenchmarkEval(b *testing.B) {
	call, err := intrinsic.Parse(`States.Format('{}-{}', $.a, States.ArrayLength($.list))`)
	if err != nil {
		b.Fatal(err)
	}
	input := mustJSON(b, `{"a": "x", "list": [1, 2, 3]}`)
	env := intrinsic.EnvFunc(func(p string) (any, error) { return testEnv{input: input}.Resolve(p) })
	for b.Loop() {
		if _, err := call.Eval(env); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}

// longString returns n 'a' characters.
func longString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}

// mustJSON decodes s or fails.
func mustJSON(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := jsonUnmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	return v
}
