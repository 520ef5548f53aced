package builtin

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/runner"
)

func loadCore(t *testing.T) *pack.Set {
	t.Helper()
	set, err := pack.Load("../../../packs/core", "../../../packs/examples")
	if err != nil {
		t.Fatalf("loading packs/core: %v", err)
	}
	return set
}

func TestEveryBuiltinRunnerIsAStackStormRunner(t *testing.T) {
	set := loadCore(t)
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Names(); !reflect.DeepEqual(got, slices.Sorted(slices.Values(Names))) {
		t.Errorf("registered %v, want %v", got, Names)
	}
	for _, name := range Names {
		if _, ok := set.Runner(name); !ok {
			t.Errorf("%s is not a runner in runners.yaml", name)
		}
	}
}

// TestCoreActions runs shipped core actions, built from the pack model,
// through the registry.
func TestCoreActions(t *testing.T) {
	set := loadCore(t)
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		ref        string
		params     map[string]any
		wantResult map[string]any
	}{
		{name: "noop", ref: "core.noop", wantResult: map[string]any{"failed": false, "succeeded": true, "return_code": 0}},
		{name: "local", ref: "core.local", params: map[string]any{"cmd": "echo hello"},
			wantResult: map[string]any{"stdout": "hello", "stderr": "", "return_code": 0, "succeeded": true, "failed": false}},
		{name: "script with positional arguments", ref: "examples.greet", params: map[string]any{"name": "Ada", "shout": true},
			wantResult: map[string]any{"stdout": "HELLO, ADA!", "stderr": "", "return_code": 0, "succeeded": true, "failed": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := set.Action(tt.ref)
			if !ok {
				t.Fatalf("no action %s", tt.ref)
			}
			p, _ := set.Pack(a.Pack)
			rn, _ := set.Runner(a.RunnerType)
			req := runner.Request{ExecutionID: "x", Action: runner.FromPack(a, p, rn), Parameters: tt.params}
			res, err := g.Run(t.Context(), req)
			if err != nil || res.Status != runner.StatusSucceeded {
				t.Fatalf("got %s %v, want succeeded", res.Status, err)
			}
			if !reflect.DeepEqual(res.Result, tt.wantResult) {
				t.Errorf("got %v, want %v", res.Result, tt.wantResult)
			}
		})
	}
}

func TestFromPack(t *testing.T) {
	set := loadCore(t)
	a, _ := set.Action("core.http")
	p, _ := set.Pack("core")
	rn, _ := set.Runner(a.RunnerType)
	got := runner.FromPack(a, p, rn)
	dir, err := filepath.Abs(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Ref != "core.http" || got.Runner != "http-request" || got.PackDir != dir {
		t.Errorf("got %+v", got)
	}
	if !got.Parameters["password"].Secret || !got.Parameters["url"].Runner || got.Parameters["method"].Runner {
		t.Errorf("parameters: got %+v, want password secret, url a runner parameter, method not", got.Parameters)
	}
}

func ExampleNew() {
	g, err := New()
	if err != nil {
		fmt.Println(err)
		return
	}
	req := runner.Request{ExecutionID: "1", Action: runner.Action{Ref: "core.local", Runner: "run-local"},
		Parameters: map[string]any{"cmd": `echo '{"answer": 42}'`}}
	res, err := g.Run(context.Background(), req)
	fmt.Println(res.Status, res.Result.(map[string]any)["stdout"], err)
	// Output: succeeded map[answer:42] <nil>
}
