// Package statemachines holds the platform's own state machines (ASL,
// JSONata query language), embedded in the binary: the same JSON is
// deployed to Step Functions by infra/ and run by the local interpreter.
//
// Definitions carry definition substitutions (${EnforcerFunctionArn},
// ${RunnerFunctionArn}) that each host fills in: CloudFormation on AWS,
// Render locally.
package statemachines
