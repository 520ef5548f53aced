// Command api is the api Lambda function: the REST API (/api/v1) over API Gateway. It only wires
// internal/lambdafn/apifn to aws-lambda-go.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/apifn"
)

func main() {
	h, err := apifn.New(context.Background(), lambdafn.FromOS())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(h)
}
