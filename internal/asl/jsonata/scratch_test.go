package jsonata

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestScratch(t *testing.T) {
	var input any
	json.Unmarshal([]byte(`{"empty": [], "a": {"b": [], "c": [[]], "d": [1]}, "one": [5]}`), &input)
	vars := map[string]any{"states": map[string]any{"input": input}, "e": []any{}}
	for _, ex := range []string{"empty", "a.b", "$states.input.a.b", "$states.input.empty", "$e", "a.c", "a.d", "$states.input.one", "$states.input", "one", "[]", "$states.input.a.b[0]", `{"x": $states.input.a.b}`, "$count($states.input.a.b)"} {
		x, _ := Compile(ex)
		v, err := x.Eval(input, vars)
		b, _ := json.Marshal(v)
		fmt.Println(ex, "=>", string(b), err)
	}
}
