// Command recorder is the recorder Lambda function: Step Functions status changes to execution records. It only wires
// internal/lambdafn/recorderfn to aws-lambda-go.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/recorderfn"
)

func main() {
	h, err := recorderfn.New(context.Background(), lambdafn.FromOS())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(h.Handle)
}
