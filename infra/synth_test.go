package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// The template tests synthesize the stack for packs/ (and for the test
// pack in testdata/) once each and share the result. The functions'
// code is not under test here: they stage a placeholder bootstrap (a
// two-line shell script) per function instead of dist/ from `make
// functions`; `make synth` uses the real binaries.

const (
	examplePacks = "../packs"
	testPacks    = "testdata/packs/infratest"
)

// synthesized is one synthesized stack.
type synthesized struct {
	packs    *Packs
	template map[string]any
	errors   []string // unsuppressed cdk-nag errors and other error annotations
	warnings []string
}

var (
	synthMu    sync.Mutex
	synthCache = map[string]*synthesized{}
)

// synth returns the stack synthesized for the packs in dir.
func synth(t *testing.T, dir string) *synthesized {
	t.Helper()
	return synthWith(t, dir, "")
}

// synthWith returns the stack synthesized for the packs in dir with
// alarmEmail as its AlarmEmail.
func synthWith(t *testing.T, dir, alarmEmail string) *synthesized {
	t.Helper()
	synthMu.Lock()
	defer synthMu.Unlock()
	key := dir + "\x00" + alarmEmail
	if s, ok := synthCache[key]; ok {
		return s
	}
	s, err := doSynth(dir, alarmEmail)
	if err != nil {
		t.Fatalf("synthesizing the stack for %s: %v", dir, err)
	}
	synthCache[key] = s
	return s
}

// doSynth synthesizes the stack for the packs in dir; edits change its
// props before it is declared.
func doSynth(dir, alarmEmail string, edits ...func(*StormlessStackProps)) (s *synthesized, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("CDK panicked: %v", r)
		}
	}()
	packs, err := LoadPacks(dir)
	if err != nil {
		return nil, err
	}
	fnDir, err := placeholderFunctions()
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(fnDir)
	out, err := os.MkdirTemp("", "stormless-cdk-out-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(out)
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(out)})
	props := &StormlessStackProps{Packs: packs, FunctionsDir: fnDir, AlarmEmail: alarmEmail}
	for _, edit := range edits {
		edit(props)
	}
	stack, err := NewStormlessStack(app, "Stormless", props)
	if err != nil {
		return nil, err
	}
	defer stack.Cleanup()
	AddNagChecks(app)
	tmpl := assertions.Template_FromStack(stack.Stack, nil)
	s = &synthesized{packs: packs, template: *tmpl.ToJSON()}
	ann := assertions.Annotations_FromStack(stack.Stack)
	for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_AnyValue()) {
		s.errors = append(s.errors, fmt.Sprintf("%s: %v", *m.Id, m.Entry.Data))
	}
	for _, m := range *ann.FindWarning(jsii.String("*"), assertions.Match_AnyValue()) {
		s.warnings = append(s.warnings, fmt.Sprintf("%s: %v", *m.Id, m.Entry.Data))
	}
	return s, nil
}

// placeholderFunctions stages dist/<name>/bootstrap placeholders.
func placeholderFunctions() (string, error) {
	dir, err := os.MkdirTemp("", "stormless-functions-")
	if err != nil {
		return "", err
	}
	for _, name := range FunctionNames {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			return "", err
		}
		script := "#!/bin/sh\necho placeholder for template tests\n"
		if err := os.WriteFile(filepath.Join(dir, name, "bootstrap"), []byte(script), 0o755); err != nil {
			return "", err
		}
	}
	return dir, stagePythonPlaceholder(dir) // python_test.go
}

// resources returns the template's resources of a type by logical id.
func (s *synthesized) resources(typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	res, _ := s.template["Resources"].(map[string]any)
	for id, r := range res {
		m, _ := r.(map[string]any)
		if m["Type"] == typ {
			props, _ := m["Properties"].(map[string]any)
			out[id] = props
		}
	}
	return out
}

// one returns the only resource of typ whose property key equals value.
func (s *synthesized) one(t *testing.T, typ, key string, value any) (string, map[string]any) {
	t.Helper()
	var ids []string
	var found map[string]any
	for id, props := range s.resources(typ) {
		if jsonEqual(props[key], value) {
			ids = append(ids, id)
			found = props
		}
	}
	if len(ids) != 1 {
		t.Fatalf("got %d %s with %s = %v, want 1", len(ids), typ, key, value)
	}
	return ids[0], found
}

// functionID is the logical id of the function called name.
func (s *synthesized) functionID(t *testing.T, name string) string {
	t.Helper()
	for id, props := range s.resources("AWS::Lambda::Function") {
		if d, _ := props["Description"].(string); strings.HasPrefix(d, "Stormless "+name+":") {
			return id
		}
	}
	t.Fatalf("no function %s in the template", name)
	return ""
}

// jsonEqual compares two values as JSON documents.
func jsonEqual(a, b any) bool {
	return canonical(a) == canonical(b)
}

func canonical(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("unencodable %v", err)
	}
	var x any
	if err := json.Unmarshal(raw, &x); err != nil {
		return fmt.Sprintf("undecodable %v", err)
	}
	out, _ := json.Marshal(x) // maps marshal with sorted keys
	return string(out)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
