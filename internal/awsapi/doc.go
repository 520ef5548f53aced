// Package awsapi serves the AWS APIs a Stormless user's code calls on AWS,
// against the local runtime: EventBridge PutEvents and the Step Functions
// calls that start, watch, stop and call back workflow executions
// (StartExecution, DescribeExecution, StopExecution, GetExecutionHistory,
// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat). Clients built with
// aws-sdk-go-v2 (BaseEndpoint) or the aws CLI (--endpoint-url) work
// unchanged: only the endpoint differs.
//
// # Protocol
//
// The AWS JSON protocol: POST with the operation in X-Amz-Target
// ("AWSEvents.PutEvents", "AWSStepFunctions.StartExecution"), a JSON body,
// and Content-Type application/x-amz-json-1.1 (EventBridge) or 1.0 (Step
// Functions; both are accepted for both). Errors are AWS's:
// {"__type": "<code>", "message": "..."} with the code also in
// X-Amzn-ErrorType, status 400 for client errors (SerializationException
// for a body that is not JSON, UnknownOperationException for an unknown
// target, ValidationException for a field out of bounds, and each
// operation's own codes such as ExecutionDoesNotExist), 413 for a body over
// MaxBodyBytes, 500 InternalFailure for the runtime's failures.
//
// # Authentication
//
// Requests are signed with SigV4 by AWS clients; the signature is not
// verified (the server does not hold the client's secret key). When
// WithAuth is set, the access key id of the signature (the Credential of
// the Authorization header or of X-Amz-Credential) is the Stormless API
// key: configure the client with the API key as access key id and any
// secret key. St2-Api-Key is accepted too. Without WithAuth (stormless up
// on loopback before the first key exists, or --no-auth) every request is
// served as DefaultUser.
//
// # EventBridge
//
// Each PutEvents entry becomes one event on the local bus exactly as
// EventBridge would deliver it on AWS: the entry's Source, DetailType,
// Detail (unchanged), Resources and Time, with a new event id, and the
// region and account of WithAccount. A Stormless trigger instance is an
// entry with Source "stormless.<pack>", DetailType the trigger type ref and
// Detail {"trigger": {"type": ref, "parameters": {...}}, "payload": {...}}
// (the envelope of envelope.New; the event id becomes the trigger
// instance id); any other entry is an aws.events trigger instance whose
// payload is the whole event. All bus names (EventBusName) reach the one
// local bus. Sources starting with "aws." are accepted, so AWS service
// events can be simulated locally (AWS refuses them from clients).
// Entries fail one by one (InvalidArgument, MalformedDetail) and the
// response counts them in FailedEntryCount; more than MaxEntries entries
// or more than MaxEntrySize bytes in all fail the whole request.
//
// # Step Functions
//
// A workflow action's state machine is named workflow.StateMachineName
// (stormless-<pack>-<name>, dots as dashes), the name the CDK stack gives
// it: its ARN is arn:aws:states:<region>:<account>:stateMachine:<name>
// (workflow.StateMachineARN). Any partition, region and account are
// accepted in ARNs and echoed back. An execution's ARN is
// arn:aws:states:<region>:<account>:execution:<state machine>:<name>
// (ExecutionARN), where name is the name given to StartExecution or else
// the Stormless execution id. Names are remembered in memory: after a
// restart an execution is found by its id only.
//
// StartExecution runs the workflow with the input object as its
// parameters, as the user the request authenticates as; DescribeExecution
// maps the execution record's status (RUNNING for every status that is not
// final, SUCCEEDED, FAILED for failed and abandoned, TIMED_OUT, ABORTED
// for canceled), its parameters (secrets masked) to input and its result
// to output; GetExecutionHistory derives events from the record and its
// task executions (ExecutionStarted, TaskScheduled, TaskStarted,
// TaskSucceeded / TaskFailed / TaskTimedOut, Execution*); StopExecution
// cancels it (the error and cause given are shown by DescribeExecution
// until a restart).
//
// The task token of a core.ask task (Step Functions' .waitForTaskToken) is
// the id of its inquiry, as listed by GET /api/v1/inquiries and shown in
// the TaskScheduled event of the workflow's history: SendTaskSuccess
// answers it with its output object as the response (validated against
// the inquiry's schema: InvalidOutput otherwise), SendTaskFailure fails
// the task with its error and cause, SendTaskHeartbeat checks it is still
// pending. A token that names no inquiry gets TaskDoesNotExist; one no
// longer pending, TaskTimedOut.
package awsapi
