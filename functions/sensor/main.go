// Command sensor is the sensor Lambda function: one poll of the packs' command sensors, published to the bus. It only wires
// internal/lambdafn/sensorfn to aws-lambda-go.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/sensorfn"
)

func main() {
	h, err := sensorfn.New(context.Background(), lambdafn.FromOS())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(h.Handle)
}
