package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/apikey"
	"github.com/stormless/stormless/internal/apikey/sqlitekeys"
)

func TestAPIKeyCLI(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := runCLI(t, "apikey", "create", "--user", "ann", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("create: got exit %d (%s), want 0", code, errOut)
	}
	secret := strings.TrimSpace(out)
	if !strings.Contains(errOut, "cannot be shown again") {
		t.Errorf("got stderr %q, want the note that the key cannot be shown again", errOut)
	}
	for _, format := range []string{"table", "json", "yaml"} {
		out, errOut, code := runCLI(t, "apikey", "list", "-o", format, "--data-dir", dir)
		if code != 0 || !strings.Contains(out, "ann") {
			t.Errorf("list -o %s: got exit %d, %q %q, want 0 and ann", format, code, out, errOut)
		}
		if strings.Contains(out, secret) {
			t.Errorf("list -o %s: got the key in %q, want it hidden", format, out)
		}
	}
	out, _, _ = runCLI(t, "apikey", "list", "-o", "json", "--data-dir", dir)
	var keys []apikey.Key
	if err := json.Unmarshal([]byte(out), &keys); err != nil || len(keys) != 1 {
		t.Fatalf("got %q (%v), want one key in JSON", out, err)
	}
	s, err := sqlitekeys.Open(t.Context(), dir+"/"+apiKeysFile)
	if err != nil {
		t.Fatal(err)
	}
	if user, err := s.Authenticate(t.Context(), secret); err != nil || user != "ann" {
		t.Errorf("authenticating the printed key: got %q, %v, want ann", user, err)
	}
	s.Close()

	tests := []struct {
		name string
		args []string
		want int
	}{
		{name: "delete", args: []string{"apikey", "delete", keys[0].ID, "--data-dir", dir}, want: 0},
		{name: "delete again", args: []string{"apikey", "delete", keys[0].ID, "--data-dir", dir}, want: 1},
		{name: "delete without id", args: []string{"apikey", "delete", "--data-dir", dir}, want: 2},
		{name: "missing data dir", args: []string{"apikey", "list", "--data-dir", dir + "/missing"}, want: 1},
		{name: "bad output", args: []string{"apikey", "list", "-o", "xml", "--data-dir", dir}, want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, errOut, code := runCLI(t, tt.args...); code != tt.want {
				t.Errorf("got exit %d (%s), want %d", code, errOut, tt.want)
			}
		})
	}
	if out, _, _ := runCLI(t, "apikey", "list", "--data-dir", dir); strings.Contains(out, "ann") {
		t.Errorf("after delete got %q, want no keys", out)
	}
}
