package path

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/PaesslerAG/jsonpath"
)

const queryDoc = `{
  "a": {"z": 1, "b": 2, "10": 3, "9": 4},
  "items": [{"x": 1, "n": "a"}, {"x": 5, "n": "b"}, {"x": 3, "n": "c", "t": true}],
  "max": 2, "s": "str", "o'k": 1, "mixed": [1, 2, "3", {"a": 5}, [7], true]
}`

func TestQuery(t *testing.T) {
	tests := []struct {
		name     string
		expr     string
		want     string
		definite bool
		notFound string // Detail of the expected *NotFoundError
	}{
		{name: "root", expr: "$.max", want: `2`, definite: true},
		{name: "definite index", expr: "$.items[1].n", want: `"b"`, definite: true},
		{name: "quoted name", expr: `$['o\'k']`, want: `1`, definite: true},
		{name: "missing definite", expr: "$.nope", notFound: "No results for path: $['nope']"},
		{name: "object wildcard sorted by key", expr: "$.a.*", want: `[4,3,2,1]`},
		{name: "array wildcard", expr: "$.items[*].n", want: `["a","b","c"]`},
		{name: "filter greater", expr: "$.items[?(@.x > 1)].n", want: `["b","c"]`},
		{name: "filter and", expr: "$.items[?(@.x > 1 && @.x < 5)].n", want: `["c"]`},
		{name: "filter string", expr: "$.items[?(@.n == 'b')].x", want: `[5]`},
		{name: "filter multi-char string", expr: "$.items[?(@.n != 'bb')].x", want: `[1,5,3]`},
		{name: "filter root reference", expr: "$.items[?(@.x > $.max)].n", want: `["b","c"]`},
		{name: "filter existence", expr: "$.items[?(@.t)].n", want: `["c"]`},
		{name: "filter no match", expr: "$.items[?(@.x > 100)]", want: `[]`},
		{name: "deep scan", expr: "$..x", want: `[1,5,3]`},
		{name: "filter strict types", expr: "$.mixed[?(@ > 1)]", want: `[2]`},
		{name: "filter string order", expr: "$.items[?(@.n > 'a')].n", want: `["b","c"]`},
		{name: "filter regexp", expr: "$.items[?(@.n =~ '^[bc]$')].n", want: `["b","c"]`},
		{name: "filter regexp literal matches whole", expr: "$.items[?(@.n =~ /[AB]/i)].n", want: `["a","b"]`},
		{name: "filter regexp literal partial", expr: "$.items[?(@.n =~ /b.*x/)].n", want: `[]`},
		{name: "filter in", expr: "$.items[?(@.n in ['a', 'c'])].x", want: `[1,3]`},
		{name: "filter nin", expr: "$.items[?(@.n nin ['a', 'c'])].x", want: `[5]`},
		{name: "filter size", expr: "$.items[?(@.n size 1)].x", want: `[1,5,3]`},
		{name: "filter empty", expr: "$.mixed[?(@ empty false)]", want: `["3",[7]]`},
		{name: "filter anyof", expr: "$.mixed[?(@ anyof [7, 8])]", want: `[[7]]`},
		{name: "filter negation", expr: "$.items[?(!(@.x > 1))].n", want: `["a"]`},
		{name: "slice", expr: "$.items[0:2].n", want: `["a","b"]`},
		{name: "negative slice", expr: "$.items[-1:].n", want: `["c"]`},
		{name: "index union", expr: "$.items[0,2].n", want: `["a","c"]`},
		{name: "name union", expr: "$['max','s']", want: `[2,"str"]`},
		{name: "missing after wildcard skipped", expr: "$.items[*].t", want: `[true]`},
		{name: "wildcard on string", expr: "$.s[*]", want: `[]`},
		{name: "missing before wildcard", expr: "$.nope[*]", want: `[]`},
		{name: "missing before slice", expr: "$.nope.deeper[1:5].x", want: `[]`},
		{name: "dot before filter", expr: "$.items.[?(@.x > 1)].n", want: `["b","c"]`},
		{name: "dot before bracket", expr: "$.['max']", want: `2`, definite: true},
		{name: "surrounding blanks", expr: " $.max ", want: `2`, definite: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Compile(tt.expr)
			if err != nil {
				t.Fatalf("compiling: %v", err)
			}
			got, err := p.Eval(mustJSON(t, queryDoc))
			if tt.notFound != "" {
				var nf *NotFoundError
				if !errors.As(err, &nf) || nf.Detail != tt.notFound {
					t.Fatalf("got %v, want NotFoundError %q", err, tt.notFound)
				}
				return
			}
			if err != nil || asJSON(got) != tt.want {
				t.Errorf("got %s (%v), want %s", asJSON(got), err, tt.want)
			}
			if p.IsDefinite() != tt.definite {
				t.Errorf("got definite %v, want %v", p.IsDefinite(), tt.definite)
			}
		})
	}
}

func TestQueryRoots(t *testing.T) {
	tests := []struct {
		name    string
		expr    string
		root    Root
		varName string
	}{
		{name: "input", expr: "$.a[*]", root: Input},
		{name: "context", expr: "$$.Execution.Input[*]", root: Context},
		{name: "variable", expr: "$v.list[0]", root: Variable, varName: "v"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Compile(tt.expr)
			if err != nil {
				t.Fatalf("compiling: %v", err)
			}
			if p.Root() != tt.root || p.Variable() != tt.varName {
				t.Errorf("got root %v var %q, want %v %q", p.Root(), p.Variable(), tt.root, tt.varName)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	for _, expr := range []string{"", "a", "$.a.length()", "$.a[", "$.a[?(@.x > 1]", "$.a b", "$[0]]", "$.a[*]}", "$..{a}", "$.a[*]{\"#\": 1}"} {
		t.Run(expr, func(t *testing.T) {
			var se *SyntaxError
			if _, err := Compile(expr); !errors.As(err, &se) {
				t.Errorf("got %v, want a *SyntaxError", err)
			}
		})
	}
}

func TestQueryIsDeterministic(t *testing.T) {
	doc := mustJSON(t, `{"m": {"e": 5, "d": 4, "c": 3, "b": 2, "a": 1, "f": {"g": 6}}}`)
	first := ""
	for i := 0; i < 50; i++ {
		got, err := Query("$..*", doc)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = asJSON(got)
		} else if asJSON(got) != first {
			t.Fatalf("got %s, want %s as on the first run", asJSON(got), first)
		}
	}
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{"$", "$.a.b", "$['a']", "$..x", "$.a[?(@.x > 1)]", "$.a[0:2]", "$$.Execution", "$v.a", "$['a','b']", `$['it\'s']`} {
		f.Add(s)
	}
	doc := mustJSON(f, queryDoc)
	f.Fuzz(func(t *testing.T, expr string) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			fuzzOne(expr, doc)
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("path %q: no answer within 2s", expr)
		}
	})
}

// fuzzOne exercises every entry point on expr.
func fuzzOne(expr string, doc any) {
	{
		p, err := Compile(expr)
		if err == nil {
			_, _ = p.Eval(doc)
		}
		if r, err := ParseReference(expr); err == nil {
			_, _ = r.Get(doc)
			_, _ = r.Set(doc, 1)
		}
	}
}

func BenchmarkQuery(b *testing.B) {
	doc := mustJSON(b, queryDoc)
	b.Run("definite", func(b *testing.B) {
		for b.Loop() {
			if _, err := Query("$.items[1].n", doc); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "paths/s")
	})
	b.Run("baseline-paesslerag-definite", func(b *testing.B) {
		ev, err := jsonpath.New("$.items[1].n")
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := ev(context.Background(), doc); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "paths/s")
	})
	b.Run("filter", func(b *testing.B) {
		for b.Loop() {
			if _, err := Query("$.items[?(@.x > 1)].n", doc); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "paths/s")
	})
	b.Run("set", func(b *testing.B) {
		r, _ := ParseReference("$.result.value")
		for b.Loop() {
			if _, err := r.Set(doc, 1.0); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sets/s")
	})
}
