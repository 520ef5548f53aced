package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// StormlessStackProps configures NewStormlessStack.
type StormlessStackProps struct {
	awscdk.StackProps
	// Packs are the compiled packs to deploy (LoadPacks).
	Packs *Packs
	// FunctionsDir holds <name>/bootstrap for every name in FunctionNames,
	// as `make functions` builds them into dist/.
	FunctionsDir string
	// LogRetention is how long log groups keep logs; one month when zero.
	LogRetention awslogs.RetentionDays
	// AlarmEmail, when set, is subscribed to an (encrypted) SNS topic that
	// every alarm notifies.
	AlarmEmail string
	// UIOrigin, when set (https://ui.example.com: scheme and host, no
	// path), is the origin of a Web UI hosted elsewhere (S3, CloudFront)
	// that the HTTP API allows cross-origin calls from (CORS). None by
	// default: no CORS.
	UIOrigin string
}

// StormlessStack is a deployed Stormless: the bus, the rules, the
// schedules, the state machines, the audit table, the functions and the
// HTTP API.
type StormlessStack struct {
	awscdk.Stack
	Bus       awsevents.EventBus
	Table     awsdynamodb.Table
	DLQ       awssqs.Queue
	Functions map[string]awslambda.Function
	Enforce   awsstepfunctions.StateMachine
	Workflows map[string]awsstepfunctions.StateMachine
	API       awsapigatewayv2.HttpApi

	props     *StormlessStackProps
	logGroups map[string]awslogs.LogGroup
	tempDirs  []string
}

// Cleanup removes the staging folders the stack's assets were read from;
// call it after the app synthesized.
func (s *StormlessStack) Cleanup() {
	for _, d := range s.tempDirs {
		_ = os.RemoveAll(d)
	}
}

// FunctionNames are the Lambda functions `make functions` builds.
var FunctionNames = []string{"api", "authorizer", "enforcer", "recorder", "runner", "sensor", "webhook"}

// EnforceStateMachineName is the name of the enforcement state machine,
// as the local runtime names it.
const EnforceStateMachineName = "stormless-enforce"

// NewStormlessStack declares the stack. It fails, before declaring
// anything, when packs are missing or a function's bootstrap is not built.
func NewStormlessStack(scope constructs.Construct, id string, props *StormlessStackProps) (*StormlessStack, error) {
	if err := checkProps(props); err != nil {
		return nil, err
	}
	s := &StormlessStack{
		Stack:     awscdk.NewStack(scope, jsii.String(id), &props.StackProps),
		props:     props,
		Functions: map[string]awslambda.Function{},
		Workflows: map[string]awsstepfunctions.StateMachine{},
		logGroups: map[string]awslogs.LogGroup{},
	}
	s.addStorage()
	if err := s.addFunctions(); err != nil {
		return nil, err
	}
	if err := s.addStateMachines(); err != nil {
		return nil, err
	}
	if err := s.addRules(); err != nil {
		return nil, err
	}
	if err := s.addSchedules(); err != nil {
		return nil, err
	}
	s.addRecorderRule()
	s.addAPI()
	s.addAlarms()
	s.addOutputs()
	s.addSuppressions()
	return s, nil
}

func checkProps(props *StormlessStackProps) error {
	if props == nil || props.Packs == nil {
		return fmt.Errorf("declaring the Stormless stack: no packs")
	}
	if err := checkOrigin(props.UIOrigin); err != nil {
		return fmt.Errorf("declaring the Stormless stack: %w", err)
	}
	var missing []string
	for _, name := range FunctionNames {
		if _, err := os.Stat(filepath.Join(props.FunctionsDir, name, "bootstrap")); err != nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("declaring the Stormless stack: %s has no bootstrap for %v: run `make functions` first (or pass -c functions=DIR)", props.FunctionsDir, missing)
	}
	return nil
}

// retention is the log retention of every log group.
func (s *StormlessStack) retention() awslogs.RetentionDays {
	if s.props.LogRetention != "" {
		return s.props.LogRetention
	}
	return awslogs.RetentionDays_ONE_MONTH
}

// logGroup declares a log group with the stack's retention, named name
// (generated when empty).
func (s *StormlessStack) logGroup(id, name string) awslogs.LogGroup {
	props := &awslogs.LogGroupProps{
		Retention:     s.retention(),
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	}
	if name != "" {
		props.LogGroupName = jsii.String(name)
	}
	lg := awslogs.NewLogGroup(s.Stack, jsii.String(id+"Logs"), props)
	s.logGroups[id] = lg
	return lg
}
