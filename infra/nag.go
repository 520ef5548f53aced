package main

import (
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// AddNagChecks runs cdk-nag's AwsSolutions rules over the app: a finding
// that is not suppressed (addSuppressions) is an error annotation, which
// fails `cdk synth`.
func AddNagChecks(app awscdk.App) {
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{}), nil)
}

// Wildcard resources as cdk-nag names them.
const (
	anyResource = "Resource::*"
	kvResource  = "Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/stormless/*"
)

// Reasons for the suppressions below; every one names why the wildcard
// cannot be narrower.
const (
	// X-Ray's PutTraceSegments and PutTelemetryRecords have no resource
	// type: Lambda's active tracing can only be granted on "*".
	reasonXRay = "X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) supports no resource-level permissions"
	// A task token names no resource: states:SendTask* is granted on "*"
	// only; the functions answering inquiries use it.
	reasonTaskToken = "; states:SendTaskSuccess/Failure take a task token (inquiries) and support no resource-level permissions"
	// The datastore reads key metadata with DescribeParameters, which has
	// no resource type.
	reasonDescribe = "; ssm:DescribeParameters (the datastore's key metadata) supports no resource-level permissions"
	// Step Functions' CloudWatch Logs delivery calls (logs:CreateLogDelivery
	// and friends) only accept "*".
	reasonLogDelivery = "Step Functions log delivery (logs:CreateLogDelivery, logs:GetLogDelivery, ...) and X-Ray tracing support no resource-level permissions"
	// The datastore's keys are created by users at run time under one path.
	reasonKV = "The key-value datastore is every SSM parameter under /stormless/; keys are created at run time, so the grant is that path and nothing else"
	// Execution names are execution ids chosen at run time; the grant names
	// the stack's own state machines.
	reasonExecutions = "Execution names are chosen at run time (the Stormless execution id); the grant is limited to executions of this stack's own state machines"
	// The queue is the dead-letter queue of the rules, the schedules and the
	// recorder's rule; messages there wait for an operator (and an alarm).
	reasonDLQ = "This queue is itself the dead-letter queue of the rules and schedules; its depth raises an alarm"
)

// addSuppressions accepts the AwsSolutions findings that are deliberate,
// each with its reason.
func (s *StormlessStack) addSuppressions() {
	suppress(s.DLQ, "AwsSolutions-SQS3", reasonDLQ)
	executions := s.executionResources()
	for _, name := range FunctionNames {
		fn := s.Functions[name]
		reason := reasonXRay
		if slices.Contains(kvFunctions, name) {
			reason += reasonDescribe
		}
		if slices.Contains(taskTokenFunctions, name) {
			reason += reasonTaskToken
		}
		suppress(fn.Role(), "AwsSolutions-IAM5", reason, anyResource)
		if slices.Contains(kvFunctions, name) {
			suppress(fn.Role(), "AwsSolutions-IAM5", reasonKV, kvResource)
		}
		if name == "api" {
			suppress(fn.Role(), "AwsSolutions-IAM5", reasonExecutions, executions...)
		}
	}
	machines := []constructs.IConstruct{s.Enforce}
	for _, m := range s.Workflows {
		machines = append(machines, m)
	}
	for _, m := range machines {
		suppress(m, "AwsSolutions-IAM5", reasonLogDelivery, anyResource)
		if len(s.Workflows) > 0 {
			suppress(m, "AwsSolutions-IAM5", reasonExecutions, executions...)
		}
	}
}

// executionResources are the execution ARNs of the stack's machines as
// cdk-nag prints them.
func (s *StormlessStack) executionResources() []string {
	names := []string{EnforceStateMachineName}
	for _, w := range s.props.Packs.Workflows {
		names = append(names, w.Name)
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:" + n + ":*"
	}
	return out
}

// suppress accepts finding id on c and its children, for the given
// resources only (every resource when none are given).
func suppress(c constructs.IConstruct, id, reason string, appliesTo ...string) {
	sup := &cdknag.NagPackSuppression{Id: jsii.String(id), Reason: jsii.String(reason)}
	if len(appliesTo) > 0 {
		list := make([]any, len(appliesTo))
		for i, a := range appliesTo {
			list[i] = a
		}
		sup.AppliesTo = &list
	}
	cdknag.NagSuppressions_AddResourceSuppressions(c, &[]*cdknag.NagPackSuppression{sup}, jsii.Bool(true))
}
