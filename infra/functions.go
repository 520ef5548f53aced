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

// Environment variables the functions read (functions/ wires them).
const (
	EnvTable          = "STORMLESS_TABLE"
	EnvEventBus       = "STORMLESS_EVENT_BUS"
	EnvPacks          = "STORMLESS_PACKS"
	EnvAccountID      = "STORMLESS_ACCOUNT_ID"
	EnvEnforceMachine = "STORMLESS_ENFORCE_STATE_MACHINE_ARN"
	EnvKVPrefix       = "STORMLESS_KV_PREFIX"
)

// PacksMount is where the packs layer puts the packs in every function.
const PacksMount = "/opt/packs"

// KVPrefix is the SSM Parameter Store path of the key-value datastore.
const KVPrefix = "/stormless/"

// functionSpec is one function's size and time limit.
type functionSpec struct {
	memory  float64
	timeout float64 // seconds
	about   string
}

var functionSpecs = map[string]functionSpec{
	"api":        {512, 29, "the REST API (/api/v1) over API Gateway"},
	"authorizer": {128, 5, "API key authorizer of the HTTP API (hashed keys in the table)"},
	"enforcer":   {512, 60, "Task handlers of the enforcement state machine"},
	"recorder":   {256, 30, "Step Functions status changes to execution records"},
	"runner":     {1024, 900, "action runners, Task handler of every workflow"},
	"sensor":     {256, 300, "polling sensors, publishing to the bus"},
	"webhook":    {256, 10, "webhooks to trigger instances on the bus"},
}

// addFunctions declares the packs layer and the functions, each with its
// own role (nothing but its log group, X-Ray and what addGrants adds).
func (s *StormlessStack) addFunctions() error {
	layerDir, err := stagePacks(s.props.Packs.Dir)
	if err != nil {
		return err
	}
	s.tempDirs = append(s.tempDirs, layerDir)
	layer := awslambda.NewLayerVersion(s.Stack, jsii.String("PacksLayer"), &awslambda.LayerVersionProps{
		Code:                    awslambda.Code_FromAsset(jsii.String(layerDir), nil),
		CompatibleArchitectures: &[]awslambda.Architecture{awslambda.Architecture_ARM_64()},
		CompatibleRuntimes:      &[]awslambda.Runtime{awslambda.Runtime_PROVIDED_AL2023(), PythonRuntime()},
		Description:             jsii.String("Stormless packs, mounted at " + PacksMount),
	})
	for _, name := range FunctionNames {
		s.Functions[name] = s.newFunction(name, layer)
	}
	s.addGrants()
	return s.addPythonRunner(layer) // python.go
}

func (s *StormlessStack) newFunction(name string, layer awslambda.ILayerVersion) awslambda.Function {
	id := exportName(name) + "Function"
	spec := functionSpecs[name]
	lg := s.logGroup(id, "")
	role := awsiam.NewRole(s.Stack, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Stormless " + name + " function"),
	})
	lg.GrantWrite(role)
	return awslambda.NewFunction(s.Stack, jsii.String(id), &awslambda.FunctionProps{
		Description:  jsii.String("Stormless " + name + ": " + spec.about),
		Runtime:      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture: awslambda.Architecture_ARM_64(),
		Handler:      jsii.String("bootstrap"),
		Code:         awslambda.Code_FromAsset(jsii.String(filepath.Join(s.props.FunctionsDir, name)), nil),
		MemorySize:   jsii.Number(spec.memory),
		Timeout:      awscdk.Duration_Seconds(jsii.Number(spec.timeout)),
		Tracing:      awslambda.Tracing_ACTIVE,
		LogGroup:     lg,
		Role:         role,
		Layers:       &[]awslambda.ILayerVersion{layer},
		Environment: &map[string]*string{
			EnvTable:     s.Table.TableName(),
			EnvEventBus:  s.Bus.EventBusName(),
			EnvPacks:     jsii.String(PacksMount),
			EnvAccountID: awscdk.Aws_ACCOUNT_ID(),
			EnvKVPrefix:  jsii.String(KVPrefix),
		},
	})
}

// exportName turns a function name into a construct id: "Webhook".
func exportName(name string) string {
	if name == "" {
		return name
	}
	return string(name[0]-'a'+'A') + name[1:]
}

// stagePacks copies the packs into a temporary folder as packs/, the
// layout the layer needs (/opt/packs). The asset hash depends on the
// content only, so synthesis stays deterministic.
func stagePacks(dir string) (string, error) {
	root, err := os.MkdirTemp("", "stormless-packs-layer-")
	if err != nil {
		return "", fmt.Errorf("staging packs layer: %w", err)
	}
	dst := filepath.Join(root, "packs")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		return "", fmt.Errorf("staging packs layer from %s: %w", dir, err)
	}
	return root, nil
}
