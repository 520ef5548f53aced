package taskfn

import (
	"testing"

	"github.com/stormless/stormless/internal/lambdafn"
	"github.com/stormless/stormless/internal/lambdafn/pythonfn"
	"github.com/stormless/stormless/internal/runner/python"
)

// TestPythonScriptRunner: the runner function runs python-script actions
// in the Python function when the stack names one, else locally.
func TestPythonScriptRunner(t *testing.T) {
	aws := map[string]string{lambdafn.EnvRegion: "eu-west-1", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK"}
	tests := []struct {
		name   string
		env    map[string]string
		remote bool
	}{
		{"no python function", aws, false},
		{"python function", map[string]string{lambdafn.EnvRegion: "eu-west-1", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK",
			pythonfn.EnvFunction: "stormless-py"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := runnersOf(lambdafn.EnvFrom(func(k string) string { return tt.env[k] }))
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"python-script", "run-python"} {
				r, err := g.Lookup(name)
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := r.(*python.Remote); ok != tt.remote {
					t.Errorf("%s: got %T, want remote %v", name, r, tt.remote)
				}
			}
		})
	}
	if _, err := runnersOf(lambdafn.EnvFrom(func(k string) string {
		return map[string]string{pythonfn.EnvFunction: "stormless-py"}[k]
	})); err == nil {
		t.Error("got no error for a Python function without AWS credentials")
	}
}
