package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/client/clienttest"
	"github.com/stormless/stormless/internal/datastore"
)

// TestKeyListPages: key list pages with --limit and --marker, as the note
// it prints says (the keys API pages by marker), and refuses a limit
// below 1.
func TestKeyListPages(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	cli := against(s)
	for _, name := range []string{"a", "b", "c"} {
		if out, errOut, code := cli(t, "key", "set", name, "v"); code != 0 {
			t.Fatalf("key set %s: exit %d %q %q", name, code, out, errOut)
		}
	}
	out, errOut, code := cli(t, "key", "list", "-n", "2")
	wantExit(t, code, 0, out, errOut)
	m := regexp.MustCompile(`note: only 2 shown; --marker (\S+) shows the next ones`).FindStringSubmatch(errOut)
	if m == nil {
		t.Fatalf("got stderr %q, want the note with the marker", errOut)
	}
	out, errOut, code = cli(t, "key", "list", "-n", "2", "--marker", m[1], "-o", "json")
	wantExit(t, code, 0, out, errOut)
	var kvs []datastore.KeyValue
	if err := json.Unmarshal([]byte(out), &kvs); err != nil || len(kvs) != 1 || kvs[0].Name != "c" {
		t.Errorf("got %q (%v), want the third key alone", out, err)
	}
	_, errOut, code = cli(t, "key", "list", "-n", "0")
	if code != 2 || !strings.Contains(errOut, "--limit") {
		t.Errorf("got %d %q, want -n 0 refused", code, errOut)
	}
	_, errOut, code = cli(t, "key", "get", "nope")
	if code != 1 || !strings.Contains(errOut, "HTTP 404") || !strings.HasSuffix(errOut, "(`stormless key list` lists them)") {
		t.Errorf("got %d %q, want the 404 with the command that lists keys", code, errOut)
	}
}
