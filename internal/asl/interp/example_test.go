package interp_test

import (
	"context"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/asl/interp"
)

func Example() {
	in, err := interp.New(interp.WithClock(interp.NewVirtualClock(time.Unix(0, 0))))
	if err != nil {
		panic(err)
	}
	in.Registry().Lambda("greet", func(ctx context.Context, payload any) (any, error) {
		return "hello " + payload.(map[string]any)["name"].(string), nil
	})
	m, err := in.Load("Greeter", []byte(`{
	  "StartAt": "Wait",
	  "States": {
	    "Wait": {"Type": "Wait", "Seconds": 3600, "Next": "Greet"},
	    "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
	              "Parameters": {"FunctionName": "greet", "Payload.$": "$"},
	              "OutputPath": "$.Payload", "End": true}
	  }
	}`))
	if err != nil {
		panic(err)
	}
	res, exec, err := in.Run(context.Background(), m, map[string]any{"name": "ada"})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Status, res.Output, len(exec.History()))
	// Output: SUCCEEDED hello ada 9
}
