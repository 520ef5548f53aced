package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
)

// stagePythonPlaceholder stages <dir>/pyrunner/handler.py as `make
// functions` would (its content is not under test here).
func stagePythonPlaceholder(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, PythonFunctionDir), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, PythonFunctionDir, "handler.py"), []byte("def handler(event, context):\n    return {}\n"), 0o644)
}

// pythonFunction returns the logical id and properties of the Python
// runner function.
func pythonFunction(t *testing.T, s *synthesized) (string, map[string]any) {
	t.Helper()
	var ids []string
	for id, p := range s.resources("AWS::Lambda::Function") {
		if p["Handler"] == PythonHandler {
			ids = append(ids, id)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("got Python functions %v, want one", ids)
	}
	return ids[0], s.resources("AWS::Lambda::Function")[ids[0]]
}

// TestPythonRunnerFunction pins the Python runner: python3.12 on arm64,
// X-Ray, its own log group (with retention) and role, the packs layer,
// the datastore's prefix, and a time limit under the runner's.
func TestPythonRunnerFunction(t *testing.T) {
	s := synth(t, examplePacks)
	id, p := pythonFunction(t, s)
	if p["Runtime"] != "python3.12" || !jsonEqual(p["Architectures"], []string{"arm64"}) {
		t.Errorf("got runtime %v %v, want python3.12 arm64", p["Runtime"], p["Architectures"])
	}
	if !jsonEqual(p["TracingConfig"], map[string]any{"Mode": "Active"}) {
		t.Errorf("got tracing %v, want Active", p["TracingConfig"])
	}
	runner := s.resources("AWS::Lambda::Function")[s.functionID(t, "runner")]
	if !jsonEqual(p["Layers"], runner["Layers"]) {
		t.Errorf("got layers %v, want the runner's packs layer %v", p["Layers"], runner["Layers"])
	}
	if jsonEqual(p["Role"], runner["Role"]) {
		t.Error("the Python function shares the runner's role, want its own")
	}
	if want := functionSpecs["runner"].timeout - pythonTimeoutMargin; p["Timeout"] != want {
		t.Errorf("got timeout %v, want %v (under the runner's)", p["Timeout"], want)
	}
	vars := p["Environment"].(map[string]any)["Variables"].(map[string]any)
	if vars[EnvKVPrefix] != KVPrefix || vars[EnvPacks] != PacksMount {
		t.Errorf("got environment %v, want the datastore prefix and the packs mount", vars)
	}
	lgRef, _ := p["LoggingConfig"].(map[string]any)["LogGroup"].(map[string]any)
	lgID, _ := lgRef["Ref"].(string)
	lg, ok := s.resources("AWS::Logs::LogGroup")[lgID]
	if !ok || lg["RetentionInDays"] != 30.0 {
		t.Errorf("got log group %v (%v), want its own with 30 days of retention", lgID, lg)
	}
	for layerID, l := range s.resources("AWS::Lambda::LayerVersion") {
		if rt, _ := l["CompatibleRuntimes"].([]any); !slices.Contains(rt, any("python3.12")) {
			t.Errorf("layer %s: runtimes %v, want python3.12 among them", layerID, rt)
		}
	}
	if !strings.HasPrefix(id, "PythonRunnerFunction") {
		t.Errorf("got id %s", id)
	}
}

// TestPythonRunnerWiring checks the runner finds the Python function by
// name and alone may invoke it, on its ARN only; the Python function may
// use the datastore and nothing else.
func TestPythonRunnerWiring(t *testing.T) {
	s := synth(t, examplePacks)
	id, _ := pythonFunction(t, s)
	runner := s.resources("AWS::Lambda::Function")[s.functionID(t, "runner")]
	vars := runner["Environment"].(map[string]any)["Variables"].(map[string]any)
	if !jsonEqual(vars[EnvPythonFunction], map[string]any{"Ref": id}) {
		t.Errorf("runner's %s = %v, want the Python function's name", EnvPythonFunction, vars[EnvPythonFunction])
	}
	roles := map[string]string{}
	for roleID, p := range s.resources("AWS::IAM::Role") {
		roles[roleID], _ = p["Description"].(string)
	}
	var invokers []string
	for _, p := range s.resources("AWS::IAM::Policy") {
		for _, st := range p["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			st := st.(map[string]any)
			if !strings.Contains(canonical(st["Resource"]), `"`+id+`"`) {
				continue
			}
			if !jsonEqual(st["Action"], "lambda:InvokeFunction") || !jsonEqual(st["Resource"], map[string]any{"Fn::GetAtt": []any{id, "Arn"}}) {
				t.Errorf("statement %v, want lambda:InvokeFunction on the function's ARN only", st)
			}
			for _, r := range p["Roles"].([]any) {
				invokers = append(invokers, roles[r.(map[string]any)["Ref"].(string)])
			}
		}
	}
	if !slices.Equal(invokers, []string{"Stormless runner function"}) {
		t.Errorf("invoked by %v, want the runner function alone", invokers)
	}
	want := []string{"ssm:DeleteParameter", "ssm:DescribeParameters", "ssm:GetParameter", "ssm:GetParametersByPath", "ssm:PutParameter"}
	if got := roleActions(t, s)["Python runner"]; !slices.Equal(got, want) {
		t.Errorf("the Python function may call %v, want %v", got, want)
	}
}

// TestMissingPythonHandler checks the stack says how to build the Python
// function's code when it is missing.
func TestMissingPythonHandler(t *testing.T) {
	p, err := LoadPacks(examplePacks)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := placeholderFunctions()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.RemoveAll(filepath.Join(dir, PythonFunctionDir)); err != nil {
		t.Fatal(err)
	}
	_, err = NewStormlessStack(awscdk.NewApp(nil), "S", &StormlessStackProps{Packs: p, FunctionsDir: dir})
	if err == nil || !strings.Contains(err.Error(), "handler.py") || !strings.Contains(err.Error(), "make functions") {
		t.Errorf("got %v, want an error naming handler.py and make functions", err)
	}
}
