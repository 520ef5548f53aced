package expr

import (
	"reflect"
	"testing"

	"github.com/stormless/stormless/internal/asl/jsonata"
)

// TestEvaluateWithInterpreterJSONata evaluates the translations with the
// JSONata the local interpreter uses, so that what compiles also runs
// locally.
func TestEvaluateWithInterpreterJSONata(t *testing.T) {
	scope := evalScope()
	for _, c := range evalCases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := Translate(c.src, c.dialect, scope)
			if err != nil {
				t.Fatalf("Translate(%q): %v", c.src, err)
			}
			e, err := jsonata.Compile(tr.JSONata)
			if err != nil {
				t.Fatalf("compiling %s: %v", tr.JSONata, err)
			}
			got, err := e.Eval(map[string]any{}, evalBindings())
			if err != nil {
				t.Fatalf("evaluating %s: %v", tr.JSONata, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s\n  as %s\ngot  %#v\nwant %#v", c.src, tr.JSONata, got, c.want)
			}
		})
	}
}
