package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const (
	shippedPacks = "../../packs"
	defectPack   = "../../internal/pack/testdata/defects"
)

func TestPackValidate(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		golden   string
		stderr   []string
	}{
		{name: "shipped packs are valid", args: []string{"pack", "validate", shippedPacks}, golden: "validate"},
		{name: "defects are located", args: []string{"pack", "validate", defectPack}, wantCode: 1, stderr: []string{
			"defects/actions/syntax.yaml:4: invalid YAML",
			"defects/actions/unknown_runner.yaml:3:14: unknown runner_type",
			"defects/rules/bad_action.yaml:9:8: rule defects.bad_action: action defects.nosuch does not exist",
			"defects/policies/bad_policy.yaml:4:14: unknown policy_type",
		}},
		{name: "missing directory", args: []string{"pack", "validate", "no/such/dir"}, wantCode: 1, stderr: []string{"no/such/dir: not a directory"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("got exit %d, want %d; stderr:\n%s", code, tt.wantCode, errOut)
			}
			if tt.golden != "" {
				checkGoldenPack(t, tt.golden, out)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("got stderr:\n%s\nwant it to contain %q", errOut, want)
				}
			}
		})
	}
}

func TestPackListings(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		golden   string
		contains string
	}{
		{name: "pack list", args: []string{"pack", "list"}, golden: "list"},
		{name: "action list", args: []string{"action", "list"}, golden: "action_list"},
		{name: "action list of one pack", args: []string{"action", "list", "--pack", "examples"}, contains: "examples.check_url"},
		{name: "action get", args: []string{"action", "get", "core.local"}, golden: "action_get"},
		{name: "action get unknown", args: []string{"action", "get", "core.nope"}, wantCode: 1},
		{name: "rule list", args: []string{"rule", "list"}, golden: "rule_list"},
		{name: "rule get", args: []string{"rule", "get", "examples.greet_on_webhook"}, contains: "trigger.body.name  exists"},
		{name: "rule get unknown", args: []string{"rule", "get", "examples.nope"}, wantCode: 1},
		{name: "trigger list", args: []string{"trigger", "list"}, golden: "trigger_list"},
		{name: "trigger get", args: []string{"trigger", "get", "core.st2.IntervalTimer"}, contains: "unit"},
		{name: "trigger get unknown", args: []string{"trigger", "get", "core.nope"}, wantCode: 1},
		{name: "bad output format", args: []string{"action", "list", "-o", "xml"}, wantCode: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, append(tt.args, "--packs", shippedPacks)...)
			if code != tt.wantCode {
				t.Fatalf("got exit %d, want %d; stderr:\n%s", code, tt.wantCode, errOut)
			}
			if tt.golden != "" {
				checkGoldenPack(t, tt.golden, out)
			}
			if !strings.Contains(out, tt.contains) {
				t.Errorf("got:\n%s\nwant it to contain %q", out, tt.contains)
			}
		})
	}
}

func TestPackListingsJSON(t *testing.T) {
	tests := []struct {
		name string
		args []string
		key  string
		want string
	}{
		{name: "pack list", args: []string{"pack", "list"}, key: "ref", want: "core"},
		{name: "action get", args: []string{"action", "get", "core.http"}, key: "runner_type", want: "http-request"},
		{name: "rule get", args: []string{"rule", "get", "examples.check_url_every_5_minutes"}, key: "ref", want: "examples.check_url_every_5_minutes"},
		{name: "trigger get", args: []string{"trigger", "get", "aws.events"}, key: "ref", want: "aws.events"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, append(tt.args, "--packs", shippedPacks, "-o", "json")...)
			if code != 0 {
				t.Fatalf("got exit %d, want 0; stderr:\n%s", code, errOut)
			}
			var v any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("got invalid JSON %q: %v", out, err)
			}
			if list, ok := v.([]any); ok {
				v = list[0]
			}
			if got := v.(map[string]any)[tt.key]; got != tt.want {
				t.Errorf("got %s %v, want %s", tt.key, got, tt.want)
			}
		})
	}
}

func TestPackListingNotesProblems(t *testing.T) {
	_, errOut, code := runCLI(t, "action", "list", "--packs", defectPack)
	if code != 0 || !strings.Contains(errOut, "run `stormless pack validate`") {
		t.Errorf("got exit %d and stderr %q, want 0 and a note to validate", code, errOut)
	}
}

// checkGoldenPack compares got with testdata/pack_NAME.golden.
func checkGoldenPack(t *testing.T, name, got string) {
	t.Helper()
	checkGolden(t, "pack_"+name+".golden", got)
}
