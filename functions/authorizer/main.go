// Command authorizer is the authorizer Lambda function: the HTTP API's Lambda authorizer over the hashed API keys. It only wires
// internal/lambdafn/authorizerfn to aws-lambda-go.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/authorizerfn"
)

func main() {
	h, err := authorizerfn.New(context.Background(), lambdafn.FromOS())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(h.Handle)
}
