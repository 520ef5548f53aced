// Command runner is the runner Lambda function: the Task handler of actions and workflow tasks. It only wires
// internal/lambdafn/taskfn to aws-lambda-go.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/taskfn"
)

func main() {
	h, err := taskfn.NewRunner(context.Background(), lambdafn.FromOS())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(h)
}
