package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/client/clienttest"
	"github.com/stormless/stormless/internal/execution"
)

// TestUsageErrorsActOnNothing checks that a mistyped command line exits 2
// with a message naming what is wrong and how to see the usage, before
// the command acts: nothing runs on the server.
func TestUsageErrorsActOnNothing(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown output format on run", []string{"run", "clitest.lines", "count=1", "-o", "xml"},
			[]string{`"xml"`, "--output", "table, json, yaml"}},
		{"unknown output format on async run", []string{"run", "clitest.lines", "--async", "--output=csv"},
			[]string{`"csv"`, "table, json, yaml"}},
		{"unknown flag", []string{"execution", "list", "--colour"},
			[]string{"--colour", "stormless execution list --help"}},
		{"missing argument", []string{"key", "set", "only_a_name"},
			[]string{"accepts 2 arg(s), received 1", "usage: stormless key set NAME VALUE", "stormless key set --help"}},
		{"extra argument", []string{"execution", "list", "extra"},
			[]string{"unknown command", "stormless execution list --help"}},
		{"unknown inquiry status", []string{"inquiry", "list", "--status", "bogus"},
			[]string{`unknown --status "bogus"`, "pending, succeeded, timeout, canceled, all"}},
		{"unknown execution status", []string{"execution", "list", "--status", "sleepy"},
			[]string{`unknown --status "sleepy"`, "requested, scheduled", "stormless execution list --help"}},
		{"unknown subcommand", []string{"execution", "lst"},
			[]string{`unknown command "lst" for "stormless execution"`, "did you mean get, list?"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := cli(t, tc.args...)
			if code != 2 {
				t.Errorf("got exit %d, want 2\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("got stderr %q, want it to hold %q", errOut, w)
				}
			}
		})
	}
	out, errOut, code := cli(t, "execution", "list", "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var list []execution.Execution
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 0 {
		t.Errorf("got %q (%v), want no execution started by a refused command line", out, err)
	}
}

// TestRunCommandWithFlagsOfItsOwn checks the README's `stormless run
// core.local date -u`: from the first word without "=", the rest is the
// command, its dashes included; run's own flags before it still count.
func TestRunCommandWithFlagsOfItsOwn(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	// --url goes first: after the command's first word it would be the
	// command's.
	cli := func(t *testing.T, args ...string) (string, string, int) {
		t.Helper()
		return runCLI(t, append([]string{"--url", s.URL}, args...)...)
	}
	out, errOut, code := cli(t, "run", "core.local", "-o", "json", "echo", "-n", "a", "--async", "-o", "yaml")
	wantExit(t, code, 0, out, errOut)
	var e execution.Execution
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("got %q (%v), want the record as JSON", out, err)
	}
	if got := e.Parameters["cmd"]; got != "echo -n a --async -o yaml" {
		t.Errorf("got cmd %q, want the words after the first one without = verbatim", got)
	}
	var result struct {
		Stdout string `json:"stdout"`
	}
	if err := json.Unmarshal(e.Result, &result); err != nil || e.Status != execution.StatusSucceeded || result.Stdout != "a --async -o yaml" {
		t.Errorf("got %s %s (%v), want echo to have run with -n", e.Status, e.Result, err)
	}
	out, errOut, code = cli(t, "run", "--async", "core.local", "true")
	wantExit(t, code, 0, out, errOut)
	if !idPattern.MatchString(out) {
		t.Errorf("got %q, want the id of an async run", out)
	}
	out, errOut, code = cli(t, "run", "core.local", "--async", "true")
	wantExit(t, code, 0, out, errOut)
	if !idPattern.MatchString(out) || strings.Contains(out, "\n\n") {
		t.Errorf("got %q, want --async before the command taken as run's flag", out)
	}
	_, errOut, code = cli(t, "run", "core.local", "--bogus", "true")
	if code != 2 || !strings.Contains(errOut, "--bogus") {
		t.Errorf("got %d %q, want an unknown flag before the command refused", code, errOut)
	}
}
