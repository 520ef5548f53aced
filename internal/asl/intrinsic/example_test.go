package intrinsic_test

import (
	"fmt"

	"github.com/stormless/stormless/internal/asl/intrinsic"
)

func ExampleParse() {
	call, err := intrinsic.Parse(`States.Format('Hello, {}! You have {} items.', $.name, States.ArrayLength($.items))`)
	if err != nil {
		fmt.Println(err)
		return
	}
	input := map[string]any{"name": "Ada", "items": []any{1.0, 2.0}}
	env := intrinsic.EnvFunc(func(p string) (any, error) { return testEnv{input: input}.Resolve(p) })
	out, err := call.Eval(env)
	fmt.Println(out, err)
	// Output: Hello, Ada! You have 2 items. <nil>
}
