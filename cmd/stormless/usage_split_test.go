package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// runFlags is a flag set like run's: a bool, a string with a shorthand.
func runFlags() *pflag.FlagSet {
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	fs.Bool("async", false, "")
	fs.StringP("output", "o", "table", "")
	return fs
}

func TestSplitLeadingFlags(t *testing.T) {
	tests := []struct {
		name       string
		args, want []string
		async      bool
		output     string
	}{
		{name: "params and flags", args: []string{"a=1", "--async", "b=2", "-o", "json"}, want: []string{"a=1", "b=2"}, async: true, output: "json"},
		{name: "inline values", args: []string{"--output=yaml", "--async=false"}, want: nil, output: "yaml"},
		{name: "command keeps its dashes", args: []string{"-o", "json", "date", "-u", "--async"}, want: []string{"date", "-u", "--async"}, output: "json"},
		{name: "params after the command are the command's", args: []string{"ls", "x=1", "-l"}, want: []string{"ls", "x=1", "-l"}, output: "table"},
		{name: "double dash", args: []string{"--async", "--", "-n", "a"}, want: []string{"-n", "a"}, async: true, output: "table"},
		{name: "lone dash is a word", args: []string{"-", "-x"}, want: []string{"-", "-x"}, output: "table"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := runFlags()
			got, err := splitLeadingFlags(fs, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			async, _ := fs.GetBool("async")
			output, _ := fs.GetString("output")
			if !slices.Equal(got, tc.want) || async != tc.async || output != tc.output {
				t.Errorf("got %q async=%v output=%s, want %q async=%v output=%s", got, async, output, tc.want, tc.async, tc.output)
			}
		})
	}
	if _, err := splitLeadingFlags(runFlags(), []string{"--nope", "x"}); err == nil || !strings.Contains(err.Error(), "--nope") {
		t.Errorf("got %v, want the unknown flag named", err)
	}
}

// FuzzSplitLeadingFlags: any arguments either fail or come back without
// the flags taken, in order, never panicking.
func FuzzSplitLeadingFlags(f *testing.F) {
	f.Add("a=1\x00--async\x00date\x00-u")
	f.Add("-o\x00json\x00--\x00-x")
	f.Add("-o")
	f.Add("--output=\x00=")
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		got, err := splitLeadingFlags(runFlags(), args)
		if err != nil {
			return
		}
		if len(got) > len(args) {
			t.Fatalf("got %q from %q, want no more than given", got, args)
		}
		i := 0
		for _, a := range args {
			if i < len(got) && got[i] == a {
				i++
			}
		}
		if i != len(got) {
			t.Fatalf("got %q from %q, want a subsequence in order", got, args)
		}
	})
}
