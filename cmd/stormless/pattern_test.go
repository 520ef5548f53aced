package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPatternTest(t *testing.T) {
	tests := []struct {
		name       string
		pattern    string // file content; "" means the file does not exist
		event      string
		wantCode   int
		wantOut    string
		wantErrSub string
	}{
		{name: "match", pattern: `{"source":["aws.ec2"]}`, event: `{"source":"aws.ec2"}`, wantCode: 0, wantOut: "match\n"},
		{name: "no match", pattern: `{"source":["aws.ec2"]}`, event: `{"source":"aws.s3"}`, wantCode: 1, wantOut: "no match\n"},
		{name: "numeric by value", pattern: `{"detail":{"n":[{"numeric":["=",300]}]}}`, event: `{"detail":{"n":3.0e2}}`, wantCode: 0, wantOut: "match\n"},
		{name: "invalid pattern names the path", pattern: `{"detail":{"n":[{"numeric":["<",1,"<",2]}]}}`, event: `{}`, wantCode: 2, wantErrSub: "$.detail.n[0].numeric[2]"},
		{name: "unknown filter", pattern: `{"a":[{"regex":"x"}]}`, event: `{}`, wantCode: 2, wantErrSub: `unrecognized filter "regex"`},
		{name: "pattern is not JSON", pattern: `{"a":`, event: `{}`, wantCode: 2, wantErrSub: "invalid JSON"},
		{name: "missing pattern file", pattern: "", event: `{}`, wantCode: 2, wantErrSub: "reading pattern"},
		{name: "malformed event", pattern: `{"a":["x"]}`, event: `{"a":`, wantCode: 2, wantErrSub: "decoding event"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			patternPath := filepath.Join(dir, "pattern.json")
			if tt.pattern != "" {
				writeFile(t, patternPath, tt.pattern)
			}
			eventPath := filepath.Join(dir, "event.json")
			writeFile(t, eventPath, tt.event)
			out, errMsg, code := runCLI(t, "pattern", "test", patternPath, eventPath)
			if code != tt.wantCode {
				t.Errorf("got exit code %d, want %d (stderr %q)", code, tt.wantCode, errMsg)
			}
			if out != tt.wantOut {
				t.Errorf("got stdout %q, want %q", out, tt.wantOut)
			}
			if !strings.Contains(errMsg, tt.wantErrSub) {
				t.Errorf("got stderr %q, want it to contain %q", errMsg, tt.wantErrSub)
			}
		})
	}
}

func TestPatternTestArgs(t *testing.T) {
	if _, _, code := runCLI(t, "pattern", "test", "only-one.json"); code != 2 {
		t.Errorf("got exit code %d, want 2", code)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
