// Command webhook is the webhook Lambda function: API Gateway webhooks to trigger instances on the event bus. It only wires
// internal/lambdafn/webhookfn to aws-lambda-go.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/webhookfn"
)

func main() {
	h, err := webhookfn.New(context.Background(), lambdafn.FromOS())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(h)
}
