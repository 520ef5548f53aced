// Package stepfn makes the Step Functions calls of the functions (start
// and stop executions, complete tasks waiting for a callback) over the
// AWS JSON protocol (awsjson): the api function starts and stops runs;
// the api and runner functions complete core.ask's waiting tasks
// (TaskTokens, an enforce.TaskTokens).
package stepfn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/awsjson"
)

// Caller makes one AWS JSON call (*awsjson.Client of awsjson.StepFunctions).
type Caller interface {
	Call(ctx context.Context, op string, in, out any) error
}

// Client is the Step Functions API of the functions. It is safe for
// concurrent use.
type Client struct{ Caller Caller }

// ErrExecutionDoesNotExist is Step Functions' ExecutionDoesNotExist.
var ErrExecutionDoesNotExist = errors.New("execution does not exist")

// StartExecution starts machine with name and input (JSON).
func (c Client) StartExecution(ctx context.Context, machine, name, input string) error {
	in := map[string]string{"stateMachineArn": machine, "name": name, "input": input}
	if err := c.Caller.Call(ctx, "StartExecution", in, nil); err != nil {
		return fmt.Errorf("starting %s on %s: %w", name, machine, err)
	}
	return nil
}

// StopExecution stops execution arn with an error name and cause; an
// error wrapping ErrExecutionDoesNotExist when there is none.
func (c Client) StopExecution(ctx context.Context, arn, errName, cause string) error {
	err := c.Caller.Call(ctx, "StopExecution", map[string]string{"executionArn": arn, "error": errName, "cause": cause}, nil)
	switch {
	case awsjson.IsCode(err, "ExecutionDoesNotExist"):
		return fmt.Errorf("stopping %s: %w: %w", arn, ErrExecutionDoesNotExist, err)
	case err != nil:
		return fmt.Errorf("stopping %s: %w", arn, err)
	}
	return nil
}

// TaskTokens completes workflow tasks through Step Functions. Each call
// gets 10 seconds.
type TaskTokens struct{ Client Client }

// SendTaskSuccess sends output (as JSON) to the task waiting on token.
func (t TaskTokens) SendTaskSuccess(token string, output any) error {
	b, err := json.Marshal(output)
	if err != nil {
		return fmt.Errorf("encoding task output: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := t.Client.Caller.Call(ctx, "SendTaskSuccess", map[string]string{"taskToken": token, "output": string(b)}, nil); err != nil {
		return fmt.Errorf("sending task success: %w", err)
	}
	return nil
}

// SendTaskFailure fails the task waiting on token.
func (t TaskTokens) SendTaskFailure(token, errName, cause string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	in := map[string]string{"taskToken": token, "error": errName, "cause": cause}
	if err := t.Client.Caller.Call(ctx, "SendTaskFailure", in, nil); err != nil {
		return fmt.Errorf("sending task failure: %w", err)
	}
	return nil
}
