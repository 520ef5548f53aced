// Package lambdafn wires the Lambda functions of a deployment (see
// functions.Names) from the internal/ packages: what each
// functions/<name>/main.go calls before lambda.Start. Nothing here is
// Lambda-specific but the event shapes; the handlers are plain functions,
// tested in process with aws-lambda-go event fixtures and SDK fakes.
//
// Every function reads its configuration from the environment infra/ sets
// (Env): the table, the event bus, the packs folder (the packs layer), the
// account, the enforcement state machine, the datastore's SSM path. The
// packs are loaded and compiled once per process, at init.
//
//	webhook     API Gateway -> the REST handler's webhook routes -> trigger instance recorded, PutEvents
//	api         API Gateway -> the REST handler over DynamoDB, SSM and Step Functions (AWSEngine)
//	enforcer    the enforcement machine's enforce and finish Tasks (enforce.Enforcer.Handle)
//	runner      action and workflow Tasks (enforce.Enforcer.Runner); core.ask keeps its task token in the table
//	recorder    Step Functions execution status changes -> execution records (Recorder)
//	sensor      scheduled: one poll of command sensors, published to the bus (Sensors)
//	authorizer  API Gateway Lambda authorizer over the hashed API keys (Authorizer)
package lambdafn
