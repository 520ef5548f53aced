package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/execution/dynamostore"
)

// TestFirstAPIKeyScript runs infra/scripts/first-apikey.sh with a fake
// aws CLI and checks that the item it writes is the one dynamokeys looks
// up for the key it printed: pk AK#<SHA-256 of the key>, and a doc that
// decodes to an enabled apikey.Key.
func TestFirstAPIKeyScript(t *testing.T) {
	for _, tool := range []string{"sh", "openssl", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed; skipping", tool)
		}
	}
	dir := t.TempDir()
	record := filepath.Join(dir, "args")
	fake := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + record + "\n"
	if err := os.WriteFile(filepath.Join(dir, "aws"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	outputs := filepath.Join(dir, "outputs.json")
	if err := os.WriteFile(outputs, []byte(`{"Stormless": {"ApiUrl": "https://x", "TableName": "Stormless-Table-1"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), "sh", "scripts/first-apikey.sh", outputs, "ops")
	cmd.Env = append(os.Environ(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"), "AWS_ENDPOINT_URL=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("first-apikey.sh: %v", err)
	}
	key := strings.TrimSpace(string(out))
	if len(key) < 40 {
		t.Fatalf("got key %q, want 32 random bytes encoded", key)
	}
	args, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(args)), "\n")
	var item map[string]map[string]string
	for i, a := range lines {
		if a == "--table-name" && lines[i+1] != "Stormless-Table-1" {
			t.Errorf("table %q", lines[i+1])
		}
		if a == "--item" {
			if err := json.Unmarshal([]byte(lines[i+1]), &item); err != nil {
				t.Fatalf("item %s: %v", lines[i+1], err)
			}
		}
	}
	d := dynamostore.Design
	if got, want := item[d.PartitionKey]["S"], "AK#"+hex.EncodeToString(apikey.Hash(key)); got != want {
		t.Errorf("pk %q, want %q", got, want)
	}
	if item[d.SortKey]["S"] != "AK" {
		t.Errorf("sk %v", item[d.SortKey])
	}
	var k apikey.Key
	if err := json.Unmarshal([]byte(item["doc"]["S"]), &k); err != nil {
		t.Fatalf("doc %q: %v", item["doc"]["S"], err)
	}
	if !k.Enabled || k.User != "ops" || k.ID == "" || k.CreatedAt.IsZero() {
		t.Errorf("key record %+v, want an enabled key of ops", k)
	}
	if strings.Contains(string(args), key) {
		t.Error("the key itself reached the aws command line; only its hash may")
	}
}
