package pack_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/conformance"
	"github.com/stormless/stormless/internal/pack"
	"gopkg.in/yaml.v3"
)

// TestCorpusCoreAndExamples loads StackStorm's own core and examples packs:
// the only errors are the entry point files the corpus does not include.
func TestCorpusCoreAndExamples(t *testing.T) {
	contrib := conformance.MustPath(t, "st2", "contrib")
	s, err := pack.Load(filepath.Join(contrib, "core"), filepath.Join(contrib, "examples"))
	var list pack.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got error %v, want a pack.ErrorList of missing entry points", err)
	}
	var got []string
	for _, e := range list {
		rel, _ := filepath.Rel(contrib, e.Pos.File)
		if !strings.Contains(e.Msg, "entry_point file") {
			t.Errorf("got error %v, want only missing entry_point files", e)
		}
		got = append(got, rel)
	}
	want := []string{
		"core/actions/inject_trigger.yaml",
		"examples/actions/isprime.yaml",
		"examples/actions/render_config_context.yaml",
		"examples/actions/winrm_get_uptime.yaml",
		"examples/sensors/sample_polling_sensor.yaml",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got errors in %q, want %q", got, want)
	}
	if n := len(s.Actions()); n != 12 {
		t.Errorf("got %d actions, want 12", n)
	}
}

// TestCorpusEveryFileLoads walks every YAML file of the StackStorm corpus's
// contrib/ and checks that it is in the model: runner files load as
// runners, pack files as the resource they define.
func TestCorpusEveryFileLoads(t *testing.T) {
	contrib := conformance.MustPath(t, "st2", "contrib")
	s, _ := pack.Load(contrib)
	loaded := modelFiles(s)
	err := filepath.WalkDir(contrib, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		if d.Name() == "runner.yaml" {
			if _, err := pack.LoadRunnerFile(path); err != nil {
				t.Errorf("loading runner file %s: %v", path, err)
			}
			return nil
		}
		if !loaded[path] {
			t.Errorf("got %s missing from the model, want it loaded", path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", contrib, err)
	}
}

// modelFiles lists every file the set's resources came from.
func modelFiles(s *pack.Set) map[string]bool {
	files := map[string]bool{}
	for _, p := range s.Packs() {
		files[p.Pos.File] = true
		if p.ConfigSchema != nil {
			files[filepath.Join(p.Dir, "config.schema.yaml")] = true
		}
		for _, a := range p.Actions {
			files[a.Pos.File] = true
		}
		for _, w := range p.Workflows {
			files[w.Path] = true
		}
		for _, r := range p.Rules {
			files[r.Pos.File] = true
		}
		for _, x := range p.Sensors {
			files[x.Pos.File] = true
		}
		for _, x := range p.Policies {
			files[x.Pos.File] = true
		}
		for _, x := range p.Aliases {
			files[x.Pos.File] = true
		}
	}
	return files
}

// TestBuiltinRunnersMatchCorpus checks the embedded runner definitions
// against StackStorm's runner.yaml files.
func TestBuiltinRunnersMatchCorpus(t *testing.T) {
	runners := conformance.MustPath(t, "st2", "contrib", "runners")
	s, err := pack.Load(filepath.Join("testdata", "minimal"))
	if err != nil {
		t.Fatalf("loading testdata/minimal: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(runners, "*", "*", "runner.yaml"))
	if len(files) == 0 {
		t.Fatalf("got no runner.yaml under %s", runners)
	}
	for _, f := range files {
		list, err := pack.LoadRunnerFile(f)
		if err != nil {
			t.Fatalf("loading %s: %v", f, err)
		}
		for _, want := range list {
			t.Run(want.Name, func(t *testing.T) {
				got, ok := s.Runner(want.Name)
				if !ok {
					t.Fatalf("got no built-in runner %s, want one", want.Name)
				}
				for name, p := range want.Parameters {
					if !reflect.DeepEqual(got.Parameters[name].Schema, p.Schema) {
						t.Errorf("parameter %s: got %v, want %v", name, got.Parameters[name].Schema, p.Schema)
					}
				}
				if len(got.Parameters) != len(want.Parameters) {
					t.Errorf("got %d parameters, want %d", len(got.Parameters), len(want.Parameters))
				}
			})
		}
	}
}

// TestPolicyTypesMatchCorpus checks the built-in policy types' parameters
// against StackStorm's policies/meta files.
func TestPolicyTypesMatchCorpus(t *testing.T) {
	meta := conformance.MustPath(t, "st2", "st2common", "st2common", "policies", "meta")
	types, err := pack.PolicyTypes()
	if err != nil {
		t.Fatalf("loading policy types: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(meta, "*.yaml"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("reading %s: %v", f, err)
		}
		var def struct {
			Name         string                    `yaml:"name"`
			ResourceType string                    `yaml:"resource_type"`
			Parameters   map[string]map[string]any `yaml:"parameters"`
		}
		if err := yaml.Unmarshal(data, &def); err != nil {
			t.Fatalf("parsing %s: %v", f, err)
		}
		ref := def.ResourceType + "." + def.Name
		pt, ok := types[ref]
		if !ok {
			t.Errorf("got no policy type %s, want one", ref)
			continue
		}
		for name, want := range def.Parameters {
			got := pt.Parameters[name]
			if got == nil || !reflect.DeepEqual(got.Schema, want) {
				t.Errorf("%s parameter %s: got %v, want %v", ref, name, got, want)
			}
		}
	}
}
