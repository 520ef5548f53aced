package awsapi_test

import (
	"fmt"

	"github.com/stormless/stormless/internal/awsapi"
	"github.com/stormless/stormless/internal/execution"
	"github.com/stormless/stormless/internal/workflow"
)

// ExampleExecutionARN shows the names a workflow action's state machine
// and executions have, locally as on AWS, and how statuses map.
func ExampleExecutionARN() {
	fmt.Println(workflow.StateMachineARN("eu-west-1", "123456789012", "examples.check_url"))
	fmt.Println(awsapi.ExecutionARN("eu-west-1", "123456789012", "examples.check_url", "nightly-1"))
	fmt.Println(awsapi.Status(execution.StatusPaused), awsapi.Status(execution.StatusCanceled), awsapi.Status(execution.StatusAbandoned))
	// Output:
	// arn:aws:states:eu-west-1:123456789012:stateMachine:stormless-examples-check_url
	// arn:aws:states:eu-west-1:123456789012:execution:stormless-examples-check_url:nightly-1
	// RUNNING ABORTED FAILED
}
