package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestASLValidate(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		wantCode int
		wantOut  []string
	}{
		{"valid", "testdata/asl/hello.json", 0, []string{"valid"}},
		{"invalid", "testdata/asl/invalid.json", 2, []string{"/States/A/Bogus", "/States/A/Next"}},
		{"missing file", "testdata/asl/nope.json", 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, code := runCLI(t, "asl", "validate", tt.file)
			if code != tt.wantCode {
				t.Fatalf("got exit %d, want %d (out %q)", code, tt.wantCode, out)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("got %q, want it to contain %q", out, w)
				}
			}
		})
	}
}

func TestASLRun(t *testing.T) {
	mock := []string{"--mock-config", "testdata/asl/mocks.json", "--state-machine", "Hello"}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string // JSON the output must equal
	}{
		{"mocked task", append([]string{"asl", "run", "testdata/asl/hello.json", "--input", `{"name":"ada"}`, "--test-case", "HappyPath"}, mock...),
			0, `{"call":{"reply":"hi there"},"greeting":"hello ada"}`},
		{"mocked failure", append([]string{"asl", "run", "testdata/asl/hello.json", "--input", `{"name":"ada"}`, "--test-case", "Broken"}, mock...),
			1, `{"Cause":"down","Error":"Lambda.ServiceException"}`},
		{"no handler", []string{"asl", "run", "testdata/asl/hello.json", "--input", `{"name":"ada"}`},
			1, ``},
		{"fail state", []string{"asl", "run", "testdata/asl/fail.json"}, 1, `{"Cause":"it broke","Error":"Oops"}`},
		{"invalid definition", []string{"asl", "run", "testdata/asl/invalid.json"}, 2, ``},
		{"bad input", []string{"asl", "run", "testdata/asl/fail.json", "--input", `{`}, 2, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, code := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("got exit %d, want %d (out %q)", code, tt.wantCode, out)
			}
			if tt.want == "" {
				return
			}
			if got := compactJSON(t, out); got != compactJSON(t, tt.want) {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestASLRunHistory(t *testing.T) {
	out, _, code := runCLI(t, "asl", "run", "testdata/asl/fail.json", "--history")
	if code != 1 {
		t.Fatalf("got exit %d, want 1", code)
	}
	var got struct {
		Events []struct {
			Type string `json:"type"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range got.Events {
		types = append(types, e.Type)
	}
	if want := "ExecutionStarted FailStateEntered ExecutionFailed"; strings.Join(types, " ") != want {
		t.Fatalf("got %v, want %s", types, want)
	}
}

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decoding %q: %v", s, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
