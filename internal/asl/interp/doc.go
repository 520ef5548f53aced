// Package interp runs Amazon States Language state machines locally with
// AWS Step Functions' Standard-workflow semantics: every state type, both
// query languages (JSONPath and JSONata), Retry and Catch, workflow
// variables, the context object, execution history as GetExecutionHistory
// events, StopExecution and checkpoints.
//
// Time comes from a Clock, so tests run Wait states, retry back-off and
// timeouts instantly on a VirtualClock. Task states call handlers looked up
// in a Registry by resource ARN; Lambda functions, nested executions,
// callbacks (task tokens), EventBridge PutEvents and HTTP invoke are built
// in, and Step Functions Local mock configurations replay recorded service
// responses.
//
// TestState runs one state as the Step Functions TestState API does: with
// a given input, optional mocked result or error, variables and context
// object, it returns the output or error, the next state, the status
// (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR) and, at DEBUG and TRACE
// inspection levels, what each processing step produced.
//
// An Interpreter is safe for concurrent use; each Execution runs on its own
// goroutines.
package interp
