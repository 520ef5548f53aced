package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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

// runCLIWithInput is runCLI with stdin as standard input.
func runCLIWithInput(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(strings.NewReader(stdin))
	root.SetOut(&out)
	root.SetErr(&errOut)
	if err := root.ExecuteContext(t.Context()); err != nil {
		code = 1
		var ec exitCoder
		if errors.As(err, &ec) {
			code = ec.ExitCode()
		}
		errOut.WriteString(err.Error())
	}
	return out.String(), errOut.String(), code
}

// TestKeySetFromStdin: a VALUE of - reads standard input less one
// trailing newline, so secrets stay out of argv; the value is stored as
// read, and an encrypted one is not printed.
func TestKeySetFromStdin(t *testing.T) {
	s := clienttest.New(t, clienttest.Config{})
	tests := []struct {
		name, stdin, want string
	}{
		{"one line", "s3cr3t\n", "s3cr3t"},
		{"CRLF", "s3cr3t\r\n", "s3cr3t"},
		{"no newline", "s3cr3t", "s3cr3t"},
		{"only one newline dropped", "two\nlines\n\n", "two\nlines\n"},
		{"a dash", "-\n", "-"},
		{"lone carriage return kept", "x\r", "x\r"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := fmt.Sprintf("stdin%d", i)
			out, errOut, code := runCLIWithInput(t, tt.stdin, "key", "set", name, "-", "--encrypt", "--url", s.URL)
			wantExit(t, code, 0, out, errOut)
			if strings.Contains(out, "s3cr3t") {
				t.Errorf("key set printed the secret: %q", out)
			}
			out, errOut, code = runCLIWithInput(t, "", "key", "get", name, "--decrypt", "-o", "json", "--url", s.URL)
			wantExit(t, code, 0, out, errOut)
			var kv datastore.KeyValue
			if err := json.Unmarshal([]byte(out), &kv); err != nil || kv.Value != tt.want || !kv.Secret {
				t.Errorf("got %q secret %v (%v), want %q stored as a secret", kv.Value, kv.Secret, err, tt.want)
			}
		})
	}
	t.Run("not UTF-8", func(t *testing.T) {
		_, errOut, code := runCLIWithInput(t, "\xff\xfe", "key", "set", "bad", "-", "--url", s.URL)
		if code != 2 || !strings.Contains(errOut, "UTF-8") {
			t.Errorf("got %d %q, want exit 2 naming UTF-8", code, errOut)
		}
	})
	t.Run("too large", func(t *testing.T) {
		_, errOut, code := runCLIWithInput(t, strings.Repeat("x", maxStdinValue+1), "key", "set", "big", "-", "--url", s.URL)
		if code != 2 || !strings.Contains(errOut, "larger than") {
			t.Errorf("got %d %q, want exit 2 saying it is too large", code, errOut)
		}
	})
}
