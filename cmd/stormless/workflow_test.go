package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/conformance"
	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/secretkey"
	"github.com/stormless/stormless/internal/datastore/sqlitekv"
)

// workflowTestdata is the workflow package's fixtures, whose golden files
// the CLI output must equal.
const workflowTestdata = "../../internal/workflow/testdata"

func TestWorkflowCompileCLI(t *testing.T) {
	src := filepath.Join(workflowTestdata, "compile", "sequential.yaml")
	out, errOut, code := runCLI(t, "workflow", "compile", src)
	if code != 0 {
		t.Fatalf("got exit %d, stderr %s; want 0", code, errOut)
	}
	want, err := os.ReadFile(filepath.Join(workflowTestdata, "compile", "sequential.asl.json"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("got:\n%s\nwant the golden ASL", out)
	}
}

func TestWorkflowGraphCLI(t *testing.T) {
	src := conformance.MustPath(t, "st2", "contrib", "examples", "actions", "workflows", "orquesta-join.yaml")
	out, errOut, code := runCLI(t, "workflow", "graph", src)
	if code != 0 {
		t.Fatalf("got exit %d, stderr %s; want 0", code, errOut)
	}
	want, err := os.ReadFile(filepath.Join(workflowTestdata, "graph", "orquesta-join.mmd"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestWorkflowCLIErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("version: 1.0\ntasks:\n  a:\n    action: core.echo message=<% ctx(nope) %>\n    next:\n      - do: b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	crossing := filepath.Join(dir, "crossing.yaml")
	if err := os.WriteFile(crossing, []byte("version: 1.0\ntasks:\n  s:\n    next:\n      - do: a, x\n  a:\n    next:\n      - do: b, c\n  b:\n    next:\n      - do: j\n  c:\n    next:\n      - do: j\n  x:\n    next:\n      - do: j\n  j:\n    join: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  []string
	}{
		{"validate reports every problem", []string{"workflow", "validate", bad}, 2,
			[]string{bad + ":4:", `undefined variable "nope"`, bad + ":6:", `unknown task "b"`}},
		{"compile rejects a crossing join", []string{"workflow", "compile", crossing}, 2, []string{crossing + ":18:3: task j joins the fork into b, c but is also reached from task x outside it"}},
		{"unknown action with packs", []string{"workflow", "compile", "--packs", "../../packs",
			conformance.MustPath(t, "st2", "contrib", "examples", "actions", "workflows", "orquesta-subworkflow.yaml")}, 2,
			[]string{`unknown action "examples.orquesta-sequential"`}},
		{"missing file", []string{"workflow", "graph", filepath.Join(dir, "none.yaml")}, 2, nil},
		{"valid chain", []string{"workflow", "validate",
			conformance.MustPath(t, "st2", "contrib", "examples", "actions", "chains", "echochain.yaml")}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("got exit %d, want %d (stderr %s)", code, tt.wantCode, errOut)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("got stderr %q, want it to contain %q", errOut, w)
				}
			}
		})
	}
}

// TestWorkflowShippedPacks compiles every Orquesta workflow shipped in
// packs/ against the packs.
func TestWorkflowShippedPacks(t *testing.T) {
	files, _ := filepath.Glob("../../packs/*/actions/workflows/*.yaml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, errOut, code := runCLI(t, "workflow", "compile", "--packs", "../../packs", f)
			if code != 0 {
				t.Errorf("got exit %d, want 0; stderr:\n%s", code, errOut)
			}
		})
	}
	chains, _ := filepath.Glob("../../packs/*/actions/chains/*.yaml")
	for _, f := range chains {
		if _, errOut, code := runCLI(t, "workflow", "compile", "--packs", "../../packs", f); code != 0 {
			t.Errorf("%s: got exit %d, want 0; stderr:\n%s", f, code, errOut)
		}
	}
}

func TestWorkflowRunCLI(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hello := write("hello.yaml", "version: 1.0\ninput: [name]\ntasks:\n  hello:\n    action: core.echo message=\"Hello, <% ctx(name) %>\"\n    next:\n      - when: <% succeeded() %>\n        publish: greeting=<% result().stdout %>\noutput:\n  - greeting: <% ctx(greeting) %>\n")
	failing := write("failing.yaml", "version: 1.0\ntasks:\n  boom:\n    action: core.local cmd=\"exit 3\"\n")
	examples := conformance.MustPath(t, "st2", "contrib", "examples", "actions", "workflows")
	join := filepath.Join(examples, "orquesta-join.yaml")
	ask := filepath.Join(examples, "orquesta-ask-basic.yaml")
	kvDir := kvDataDir(t, "greeting", "hi there")
	joinCount := filepath.Join(workflowTestdata, "compile", "joincount.yaml")
	checkURL := "../../packs/examples/actions/workflows/check_url.yaml"
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string // JSON the output must contain, compacted
	}{
		{"succeeds", []string{hello, "--input", `{"name": "Ann"}`}, 0, `"output":{"greeting":"Hello, Ann"}`},
		{"fails", []string{failing}, 1, `"status":"failed"`},
		{"forks and joins", []string{join}, 0, `"messages":["Fee fi fo fum","I smell the blood of an English man","Be alive, or be he dead","I'll grind his bones to make my bread"]`},
		{"bad input", []string{hello, "--input", "[1]"}, 2, ""},
		{"input the workflow does not declare", []string{hello, "--input", `{"nmae": "Ann"}`}, 2, ""},
		{"input failing its action's schema", []string{checkURL, "--input", `{"url": "http://127.0.0.1:1", "expected_status": "many"}`}, 2, ""},
		{"input missing a required parameter", []string{checkURL}, 2, ""},
		{"join 2 of 3", []string{joinCount}, 0, `"output":{"joined":"a b"}`},
		{"join 2 of 3 with one arriving", []string{joinCount, "--input", `{"skip_b": true}`}, 1, `UnreachableJoinError`},
		{"st2kv reads the data dir's datastore", []string{filepath.Join(examples, "orquesta-st2kv.yaml"), "--data-dir", kvDir, "--input", `{"key_name": "greeting", "decrypt": false}`}, 0, `"output":{"value":"hi there"}`},
		{"core.ask pauses", []string{ask}, 1, `"status":"paused","output":null,"inquiry":{"id":`},
		{"core.ask answered", []string{ask, "--respond", `{"approved": true}`}, 0, `"users":[]}},{"name":"finish","status":"succeeded"`},
		{"core.ask refused answer", []string{ask, "--respond", `{"approved": "maybe"}`}, 1, ""},
		{"bad response", []string{ask, "--respond", "[]"}, 2, ""},
		{"task retry until a parallel branch creates the file", []string{filepath.Join(examples, "orquesta-task-retry.yaml")}, 0,
			`{"name":"check","status":"succeeded"`},
		{"rollback and retry until a parallel branch creates the file", []string{filepath.Join(examples, "orquesta-rollback-retry.yaml")}, 0,
			`{"name":"rollback","status":"succeeded"`},
	}
	// wantErr is text stderr must contain.
	wantErr := map[string]string{
		"input the workflow does not declare": `input: "nmae" is not an input of the workflow (its inputs: name)`,
		"input failing its action's schema":   `parameter "expected_status"`,
		"input missing a required parameter":  `parameter "url"`,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"workflow", "run", "--packs", "../../packs"}, tt.args...)
			out, errOut, code := runCLI(t, args...)
			if code != tt.wantCode {
				t.Fatalf("got exit %d, want %d; stderr %s", code, tt.wantCode, errOut)
			}
			var compact bytes.Buffer
			if out != "" {
				if err := json.Compact(&compact, []byte(out)); err != nil {
					t.Fatalf("output is not JSON: %v\n%s", err, out)
				}
			}
			if !strings.Contains(compact.String(), tt.want) {
				t.Errorf("got %s, want it to contain %s", compact.String(), tt.want)
			}
			if !strings.Contains(errOut, wantErr[tt.name]) {
				t.Errorf("got stderr %q, want it to contain %q", errOut, wantErr[tt.name])
			}
		})
	}
}

// kvDataDir is a data directory for `workflow run --data-dir` whose
// datastore holds one system-scope item.
func kvDataDir(t *testing.T, name, value string) string {
	t.Helper()
	dir := t.TempDir()
	key, err := secretkey.LoadOrCreate(filepath.Join(dir, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	kv, err := sqlitekv.Open(t.Context(), filepath.Join(dir, "datastore.db"), key)
	if err != nil {
		t.Fatal(err)
	}
	defer kv.Close()
	if _, err := kv.Set(t.Context(), datastore.Key{Scope: datastore.ScopeSystem, Name: name}, value, datastore.SetOptions{}); err != nil {
		t.Fatal(err)
	}
	return dir
}
