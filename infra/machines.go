package main

import (
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"

	"github.com/stormless/stormless/statemachines"
)

// addStateMachines declares the enforcement machine from statemachines/
// and one machine per workflow action from its compiled ASL, both as
// written, the function ARNs (and, for workflows, the region and account
// of nested workflows' ARNs) filled in by definition substitutions.
func (s *StormlessStack) addStateMachines() error {
	def, err := statemachines.Definition(statemachines.Enforce)
	if err != nil {
		return err
	}
	runnerARN := s.Functions["runner"].FunctionArn()
	s.Enforce = s.newMachine("Enforce", EnforceStateMachineName, string(def), map[string]*string{
		statemachines.EnforcerFunctionARN: s.Functions["enforcer"].FunctionArn(),
		statemachines.RunnerFunctionARN:   runnerARN,
	})
	grantInvoke(s.Enforce, s.Functions["enforcer"])
	grantInvoke(s.Enforce, s.Functions["runner"])
	s.grantNested(s.Enforce)
	for _, w := range s.props.Packs.Workflows {
		m := s.newMachine("Workflow-"+w.Ref, w.Name, w.ASL, keepLiterals(w.ASL, map[string]*string{
			statemachines.RunnerFunctionARN: runnerARN,
			RegionSubstitution:              awscdk.Aws_REGION(),
			AccountSubstitution:             awscdk.Aws_ACCOUNT_ID(),
		}))
		grantInvoke(m, s.Functions["runner"])
		s.grantNested(m)
		s.Workflows[w.Ref] = m
	}
	s.grantMachineCalls()
	return nil
}

// vendedLogsPrefix starts the names of the machines' log groups: CloudWatch
// Logs then needs no resource policy entry per log group (its size is
// limited), as AWS advises for Step Functions.
const vendedLogsPrefix = "/aws/vendedlogs/states/"

// newMachine declares a standard state machine logging every event
// (without execution data, which holds parameters and secrets) and traced
// with X-Ray.
func (s *StormlessStack) newMachine(id, name, asl string, subs map[string]*string) awsstepfunctions.StateMachine {
	return awsstepfunctions.NewStateMachine(s.Stack, jsii.String(id), &awsstepfunctions.StateMachineProps{
		StateMachineName:        jsii.String(name),
		StateMachineType:        awsstepfunctions.StateMachineType_STANDARD,
		DefinitionBody:          awsstepfunctions.DefinitionBody_FromString(jsii.String(asl)),
		DefinitionSubstitutions: &subs,
		TracingEnabled:          jsii.Bool(true),
		Logs: &awsstepfunctions.LogOptions{
			Destination:          s.logGroup(id, vendedLogsPrefix+name),
			Level:                awsstepfunctions.LogLevel_ALL,
			IncludeExecutionData: jsii.Bool(false),
		},
	})
}

// workflowARNs are the ARNs of the workflow machines, built from their
// names (so machines may call each other, even in a cycle).
func (s *StormlessStack) workflowARNs() (machines, executions []*string) {
	for _, w := range s.props.Packs.Workflows {
		machines = append(machines, s.Stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("states"), Resource: jsii.String("stateMachine"),
			ResourceName: jsii.String(w.Name), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		}))
		executions = append(executions, s.Stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("states"), Resource: jsii.String("execution"),
			ResourceName: jsii.String(w.Name + ":*"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		}))
	}
	return machines, executions
}

// grantNested lets machine m run workflow machines synchronously
// (states:startExecution.sync:2): start them, follow and stop their
// executions, and the managed rule Step Functions uses to learn they
// ended.
func (s *StormlessStack) grantNested(m awsstepfunctions.StateMachine) {
	machines, executions := s.workflowARNs()
	if len(machines) == 0 {
		return
	}
	m.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("states:StartExecution"), Resources: &machines,
	}))
	m.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("states:DescribeExecution", "states:StopExecution"), Resources: &executions,
	}))
	m.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("events:PutTargets", "events:PutRule", "events:DescribeRule"),
		Resources: jsii.Strings(*s.Stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("events"), Resource: jsii.String("rule"),
			ResourceName: jsii.String("StepFunctionsGetEventsForStepFunctionsExecutionManagedRule"),
		})),
	}))
}

// allExecutions are the executions of every Stormless machine.
func (s *StormlessStack) allExecutions() []*string {
	_, executions := s.workflowARNs()
	return append(executions, s.Stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("states"), Resource: jsii.String("execution"),
		ResourceName: jsii.String(EnforceStateMachineName + ":*"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
	}))
}

// grantMachineCalls lets the api function run actions (the enforcement
// machine's direct runs) and cancel executions. The recorder reads
// nothing from Step Functions: the status-change event carries it all.
func (s *StormlessStack) grantMachineCalls() {
	api := s.Functions["api"]
	s.Enforce.GrantStartExecution(api)
	executions := s.allExecutions()
	api.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("states:StopExecution"), Resources: &executions,
	}))
	s.Functions["api"].AddEnvironment(jsii.String(EnvEnforceMachine), s.Enforce.StateMachineArn(), nil)
}

var placeholder = regexp.MustCompile(`\$\{([A-Za-z0-9_]+)\}`)

// keepLiterals adds, for every ${NAME} in a workflow's ASL that is not
// one of subs (a user's "echo ${HOME}"), the substitution of NAME by
// "${NAME}" itself: CloudFormation substitutes in one pass, so the text
// reaches Step Functions as written instead of failing the deployment.
func keepLiterals(asl string, subs map[string]*string) map[string]*string {
	for _, m := range placeholder.FindAllStringSubmatch(asl, -1) {
		if _, ok := subs[m[1]]; !ok {
			subs[m[1]] = jsii.String(m[0])
		}
	}
	return subs
}
