package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"

	"github.com/stormless/stormless/internal/execution/dynamostore"
)

// addGrants gives each function what it calls and nothing else:
//
// The datastore's grants are its parameters by path (/stormless/*) plus
// ssm:DescribeParameters, which only exists on "*".
//
//	api         table read/write, datastore read/write, PutEvents, start the
//	            enforcement machine, stop executions, answer
//	            inquiries (SendTaskSuccess/Failure)
//	authorizer  GetItem on the table (the hashed API keys)
//	enforcer    table read/write, datastore read, PutEvents (actiontrigger),
//	            SendTaskSuccess/Failure (inquiries)
//	recorder    table read/write
//	runner      table read/write, datastore read/write, PutEvents
//	            (core.inject_trigger), SendTaskSuccess/Failure (inquiries)
//	sensor      trigger instance items (triggerInstanceStatement), PutEvents
//	webhook     trigger instance items, PutEvents, datastore read (webhook
//	            HMAC secrets)
//
// Grants naming state machines are added with them (addStateMachines).
func (s *StormlessStack) addGrants() {
	f := s.Functions
	for _, name := range []string{"api", "enforcer", "recorder", "runner"} {
		f[name].AddToRolePolicy(s.tableStatement())
	}
	for _, name := range []string{"sensor", "webhook"} {
		f[name].AddToRolePolicy(s.triggerInstanceStatement())
	}
	// Task tokens name no resource: SendTask* is only granted on "*".
	for _, name := range taskTokenFunctions {
		f[name].AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("states:SendTaskSuccess", "states:SendTaskFailure"),
			Resources: jsii.Strings("*"),
		}))
	}
	f["authorizer"].AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("dynamodb:GetItem"),
		Resources: jsii.Strings(*s.Table.TableArn()),
	}))
	for _, name := range []string{"api", "enforcer", "runner", "sensor", "webhook"} {
		s.Bus.GrantPutEventsTo(f[name], nil)
	}
	for _, name := range kvFunctions {
		f[name].AddToRolePolicy(s.kvStatement("ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"))
		// The datastore reads a key's metadata (scope, expiry) with
		// DescribeParameters, which names no resource: "*" only.
		f[name].AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("ssm:DescribeParameters"), Resources: jsii.Strings("*"),
		}))
	}
	for _, name := range []string{"api", "runner"} {
		f[name].AddToRolePolicy(s.kvStatement("ssm:PutParameter", "ssm:DeleteParameter", "ssm:DeleteParameters"))
	}
}

// kvFunctions use the key-value datastore (internal/datastore/ssmkv).
var kvFunctions = []string{"api", "enforcer", "runner", "webhook"}

// taskTokenFunctions answer waitForTaskToken tasks (inquiries).
var taskTokenFunctions = []string{"api", "enforcer", "runner"}

// kvStatement allows actions on the datastore's parameters.
func (s *StormlessStack) kvStatement(actions ...string) awsiam.PolicyStatement {
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(actions...),
		Resources: jsii.Strings(*s.kvParametersARN()),
	})
}

// kvParametersARN matches every parameter of the datastore.
func (s *StormlessStack) kvParametersARN() *string {
	return awscdk.Stack_Of(s.Stack).FormatArn(&awscdk.ArnComponents{
		Service:      jsii.String("ssm"),
		Resource:     jsii.String("parameter"),
		ResourceName: jsii.String(KVPrefix[1:] + "*"),
	})
}

// tableActions are the calls dynamostore makes (TransactWriteItems is
// authorised per item by these).
var tableActions = []string{
	"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
	"dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem",
}

// tableStatement allows the store's calls on the table and each of its
// indexes by name (no index/* wildcard).
func (s *StormlessStack) tableStatement() awsiam.PolicyStatement {
	resources := []*string{s.Table.TableArn()}
	for _, g := range dynamostore.Design.GSIs {
		resources = append(resources, jsii.String(*s.Table.TableArn()+"/index/"+g.Name))
	}
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings(tableActions...), Resources: &resources})
}

// triggerInstanceStatement allows what recordbus does before PutEvents,
// on trigger instance items only (partition key TI#<id>, dynamostore's
// table design): the conditional create (PutItem), the status change to
// processing_failed (UpdateItem) and the read after its condition fails
// (GetItem). No index, no other item.
func (s *StormlessStack) triggerInstanceStatement() awsiam.PolicyStatement {
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
		Resources: jsii.Strings(*s.Table.TableArn()),
		Conditions: &map[string]any{
			"ForAllValues:StringLike": map[string]any{"dynamodb:LeadingKeys": []string{"TI#*"}},
		},
	})
}

// grantInvoke lets a state machine invoke fn by its unqualified ARN, as
// the definitions name it (no version or alias wildcard).
func grantInvoke(m awsstepfunctions.StateMachine, fn awslambda.Function) {
	m.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{fn.FunctionArn()},
	}))
}
