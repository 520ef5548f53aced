package expr

import (
	"testing"

	"github.com/stormless/stormless/internal/asl/jsonata"
)

// BenchmarkSelect evaluates the translation of select() over 1,000 task
// results with the interpreter's JSONata, against a bare $map (which gives
// a scalar for one element) as the baseline.
func BenchmarkSelect(b *testing.B) {
	items := make([]any, 1000)
	for i := range items {
		items[i] = map[string]any{"result": map[string]any{"stdout": "x"}}
	}
	tr, err := Translate("ctx().members.select($.result.stdout)", YAQL, &Scope{Vars: []string{"members"}})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, src string }{
		{"select-1000", tr.JSONata},
		{"select-1000-baseline-map", "$map($members, function($sl_x) { $sl_x.result.stdout })"},
	} {
		b.Run(c.name, func(b *testing.B) {
			e, err := jsonata.Compile(c.src)
			if err != nil {
				b.Fatal(err)
			}
			vars := map[string]any{"members": items}
			for b.Loop() {
				if _, err := e.Eval(nil, vars); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/eval")
		})
	}
}
