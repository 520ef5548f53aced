package jsonata_test

import (
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/asl/jsonata"
)

func ExampleParseTemplate() {
	e, err := jsonata.ParseTemplate("{% $states.input.price * $quantity %}")
	if err != nil {
		fmt.Println(err)
		return
	}
	vars := map[string]any{
		"states":   map[string]any{"input": map[string]any{"price": 2.5}},
		"quantity": 4.0,
	}
	out, err := e.Eval(nil, vars)
	fmt.Println(out, err)

	missing, _ := jsonata.Compile("$states.input.nope")
	_, err = missing.Eval(nil, vars)
	fmt.Println(errors.Is(err, jsonata.ErrUndefined), err)
	// Output:
	// 10 <nil>
	// true The JSONata expression '$states.input.nope' returned nothing (undefined).
}
