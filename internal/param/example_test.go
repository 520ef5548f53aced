package param_test

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/param"
)

// ExampleSpec_Resolve renders a rule's parameters for core.echo-like
// action: the trigger value fills message, the immutable default renders
// from it, and the count is cast from text.
func ExampleSpec_Resolve() {
	spec, err := param.Compile(map[string]*pack.Param{
		"message": {Type: "string", Required: true},
		"cmd":     {Type: "string", Default: `echo "{{ message }}"`, HasDefault: true, Immutable: true},
		"count":   {Type: "integer"},
		"token":   {Type: "string", Secret: true},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	trigger := map[string]any{"body": map[string]any{"name": "Ada", "n": "3"}}
	given := map[string]any{"message": "hi {{ trigger.body.name }}", "count": "{{ trigger.body.n }}", "token": "s3cret"}
	params, err := spec.Resolve(context.Background(), given, param.Context{Trigger: trigger})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(params["cmd"], params["count"])
	fmt.Println(spec.Mask(params)["token"])
	_, err = spec.Resolve(context.Background(), map[string]any{"message": "m", "count": "three"}, param.Context{})
	fmt.Println(err)
	// Output:
	// echo "hi Ada" 3
	// ********
	// parameter "count" fails validation: got string, want integer
}
