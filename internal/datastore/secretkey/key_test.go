package secretkey_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/datastore/secretkey"
)

func TestLoadOrCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "datastore.key")
	k1, err := secretkey.LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("got mode %04o, want 0600", got)
	}
	k2, err := secretkey.LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	sealed := k1.Seal("hunter2", "system/pw")
	if got, err := k2.Open(sealed, "system/pw"); err != nil || got != "hunter2" {
		t.Errorf("reloaded key: got %q, %v; want hunter2", got, err)
	}
}

func TestLoadOrCreateConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "datastore.key")
	keys := make([]*secretkey.Key, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := secretkey.LoadOrCreate(path)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	sealed := keys[0].Seal("x", "c")
	for i, k := range keys {
		if got, err := k.Open(sealed, "c"); err != nil || got != "x" {
			t.Errorf("key %d: got %q, %v; want the same key for every starter", i, got, err)
		}
	}
}

func TestLoadRefuses(t *testing.T) {
	tests := []struct {
		name    string
		content string
		mode    os.FileMode
		want    error
		msg     string
	}{
		{"group readable", strings.Repeat("ab", 32), 0o640, secretkey.ErrInsecureFile, "chmod 600"},
		{"world readable", strings.Repeat("ab", 32), 0o644, secretkey.ErrInsecureFile, "0644"},
		{"not a key", "hello", 0o600, nil, "64 hexadecimal digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "k")
			if err := os.WriteFile(path, []byte(tt.content), tt.mode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
			_, err := secretkey.LoadOrCreate(path)
			if err == nil {
				t.Fatal("got no error, want one")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got message %q, want it to mention %q", err, tt.msg)
			}
		})
	}
}

func TestOpenRejects(t *testing.T) {
	k, err := secretkey.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := secretkey.New([]byte(strings.Repeat("k", 32)))
	sealed := k.Seal("hunter2", "system/pw")
	tests := []struct {
		name    string
		key     *secretkey.Key
		sealed  string
		context string
	}{
		{"other context", k, sealed, "system/other"},
		{"other key", other, sealed, "system/pw"},
		{"altered", k, flipLast(sealed), "system/pw"},
		{"not hex", k, "zz", "system/pw"},
		{"too short", k, "00", "system/pw"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.key.Open(tt.sealed, tt.context)
			if !errors.Is(err, secretkey.ErrDecrypt) {
				t.Errorf("got %q, %v; want ErrDecrypt", got, err)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q reveals the secret", err)
			}
		})
	}
	if sealed == k.Seal("hunter2", "system/pw") {
		t.Error("two seals of one value are equal, want random nonces")
	}
}

// flipLast changes the last hex digit of s.
func flipLast(s string) string {
	last := "0"
	if strings.HasSuffix(s, "0") {
		last = "1"
	}
	return s[:len(s)-1] + last
}
