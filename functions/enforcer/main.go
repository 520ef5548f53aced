// Command enforcer is the enforcer Lambda function: the Task handlers of the enforcement state machine. It only wires
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
	h, err := taskfn.NewEnforcer(context.Background(), lambdafn.FromOS())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(h)
}
