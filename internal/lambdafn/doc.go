// Package lambdafn is what every Lambda function of a deployment (see
// functions.Names) reads first: its configuration from the environment
// infra/ sets (Env: the table, the event bus, the packs folder of the
// packs layer, the account, the enforcement state machine, the
// datastore's SSM prefix), the AWS credentials and region the Lambda
// runtime sets (AWSConfig), and the clients of the services called over
// the AWS JSON protocol (SSM datastore, EventBridge bus, Step Functions).
//
// Each function is wired in its own sub-package, so that its binary links
// only what it calls; functions/<name>/main.go calls its constructor and
// lambda.Start:
//
//	webhook     webhookfn   API Gateway -> the REST handler's webhook routes -> record, PutEvents
//	api         apifn       API Gateway -> the REST handler over DynamoDB, SSM and Step Functions
//	enforcer    taskfn      the enforcement machine's enforce and finish Tasks
//	runner      taskfn      action and workflow Tasks; core.ask keeps its task token in the table;
//	                        python-script actions run in the Python function (pythonfn, LambdaClient)
//	recorder    recorderfn  Step Functions execution status changes -> execution records
//	sensor      sensorfn    scheduled: one poll of the packs' command sensors -> record, PutEvents
//	authorizer  authorizerfn  API Gateway Lambda authorizer over the hashed API keys
//
// Shared by several: recordbus (record each trigger instance, then
// PutEvents), apigw (API Gateway HTTP API events to and from an
// http.Handler), restfn (the REST handler's engine that publishes, and the
// authentication API Gateway's authorizer did), catalog (loading and
// compiling the packs as the stack did), stepfn (Step Functions calls).
// The handlers are plain functions, tested in process with aws-lambda-go
// event fixtures and fakes behind narrow interfaces.
package lambdafn
