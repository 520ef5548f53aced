// Package stepfn completes Step Functions tasks that wait for a callback
// (core.ask's inquiries): the enforce.TaskTokens of the api and runner
// functions.
package stepfn

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/stormless/stormless/internal/enforce"
)

// TaskAPI is the part of the Step Functions client that completes waiting
// tasks.
type TaskAPI interface {
	SendTaskSuccess(ctx context.Context, in *sfn.SendTaskSuccessInput, opts ...func(*sfn.Options)) (*sfn.SendTaskSuccessOutput, error)
	SendTaskFailure(ctx context.Context, in *sfn.SendTaskFailureInput, opts ...func(*sfn.Options)) (*sfn.SendTaskFailureOutput, error)
}

// TaskTokens completes workflow tasks through Step Functions. Each call
// gets 10 seconds. It is safe for concurrent use.
type TaskTokens struct{ API TaskAPI }

var _ enforce.TaskTokens = TaskTokens{}

// SendTaskSuccess sends output (as JSON) to the task waiting on token.
func (t TaskTokens) SendTaskSuccess(token string, output any) error {
	b, err := json.Marshal(output)
	if err != nil {
		return fmt.Errorf("encoding task output: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := t.API.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(token), Output: aws.String(string(b))}); err != nil {
		return fmt.Errorf("sending task success: %w", err)
	}
	return nil
}

// SendTaskFailure fails the task waiting on token.
func (t TaskTokens) SendTaskFailure(token, errName, cause string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := t.API.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: aws.String(token),
		Error: aws.String(errName), Cause: aws.String(cause)}); err != nil {
		return fmt.Errorf("sending task failure: %w", err)
	}
	return nil
}
