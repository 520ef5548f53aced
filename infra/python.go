package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
)

// The Python runner function: the runner function (provided.al2023) has
// no Python, so it runs python-script actions by invoking this function
// (pyrunner/handler.py on python3.12), which runs them through the shim of
// internal/runner/python. `make functions` stages its code, handler.py,
// stormless_kv.py and the shim, in <FunctionsDir>/pyrunner.
const (
	// PythonFunctionDir is the folder of FunctionsDir holding its code.
	PythonFunctionDir = "pyrunner"
	// PythonHandler is its handler: handler.py's handler function.
	PythonHandler = "handler.handler"
	// EnvPythonFunction names it in the runner function's environment
	// (pythonfn.EnvFunction).
	EnvPythonFunction = "STORMLESS_PYTHON_FUNCTION"
	// pythonMemory is its memory size in MB.
	pythonMemory = 1024
	// pythonTimeoutMargin is how much shorter its time limit is than the
	// runner's: the runner is still there to record a timed-out action.
	pythonTimeoutMargin = 15
)

// PythonRuntime is the Python function's runtime (its boto3 serves the
// datastore).
func PythonRuntime() awslambda.Runtime { return awslambda.Runtime_PYTHON_3_12() }

// reasonPythonRuntime justifies not using the newest Python runtime.
const reasonPythonRuntime = "The Python runner runs existing StackStorm actions unchanged; its runtime is pinned (python3.12) so that a pack's actions and their libraries meet the interpreter they were tested with, and moving to a newer one is a deliberate, tested upgrade"

// pythonKVActions are the SSM calls pyrunner/stormless_kv.py makes on the
// datastore's parameters (DescribeParameters, on "*", aside).
var pythonKVActions = []string{"ssm:GetParameter", "ssm:GetParametersByPath", "ssm:PutParameter", "ssm:DeleteParameter"}

// addPythonRunner declares the Python runner function with the packs
// layer (the same /opt/packs paths as the runner), its own role and log
// group, X-Ray tracing, and the datastore's grants (it serves
// action_service calls on SSM itself); the runner function may invoke it
// and nothing else may, and finds it by name in EnvPythonFunction.
func (s *StormlessStack) addPythonRunner(layer awslambda.ILayerVersion) error {
	dir := filepath.Join(s.props.FunctionsDir, PythonFunctionDir)
	if _, err := os.Stat(filepath.Join(dir, "handler.py")); err != nil {
		return fmt.Errorf("declaring the Python runner function: %s has no handler.py: run `make functions` first (or pass -c functions=DIR)", dir)
	}
	const id = "PythonRunnerFunction"
	lg := s.logGroup(id, "")
	role := awsiam.NewRole(s.Stack, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Stormless Python runner function"),
	})
	lg.GrantWrite(role)
	runner := s.Functions["runner"]
	fn := awslambda.NewFunction(s.Stack, jsii.String(id), &awslambda.FunctionProps{
		Description:  jsii.String("Stormless Python runner: python-script actions, invoked by the runner function"),
		Runtime:      PythonRuntime(),
		Architecture: awslambda.Architecture_ARM_64(),
		Handler:      jsii.String(PythonHandler),
		Code:         awslambda.Code_FromAsset(jsii.String(dir), nil),
		MemorySize:   jsii.Number(pythonMemory),
		Timeout:      awscdk.Duration_Seconds(jsii.Number(functionSpecs["runner"].timeout - pythonTimeoutMargin)),
		Tracing:      awslambda.Tracing_ACTIVE,
		LogGroup:     lg,
		Role:         role,
		Layers:       &[]awslambda.ILayerVersion{layer},
		Environment: &map[string]*string{
			EnvPacks:    jsii.String(PacksMount),
			EnvKVPrefix: jsii.String(KVPrefix),
		},
	})
	fn.AddToRolePolicy(s.kvStatement(pythonKVActions...))
	fn.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ssm:DescribeParameters"), Resources: jsii.Strings("*"),
	}))
	runner.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{fn.FunctionArn()},
	}))
	runner.AddEnvironment(jsii.String(EnvPythonFunction), fn.FunctionName(), nil)
	suppress(role, "AwsSolutions-IAM5", reasonXRay+reasonDescribe, anyResource)
	suppress(role, "AwsSolutions-IAM5", reasonKV, kvResource)
	suppress(fn, "AwsSolutions-L1", reasonPythonRuntime)
	return nil
}
