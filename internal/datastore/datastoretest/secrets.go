package datastoretest

import (
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/datastore"
)

// testSecrets checks that secrets are encrypted except when asked for.
func testSecrets(t *testing.T, open Open) {
	s, _ := fixed(t, open)
	ctx := t.Context()
	const plain = "hunter2-very-secret"
	set, err := s.Set(ctx, usr("alice", "password"), plain, datastore.SetOptions{Secret: true})
	must(t, err)
	if !set.Secret || !set.Encrypted || strings.Contains(set.Value, plain) {
		t.Errorf("set: got %+v, want a secret with its value encrypted", set)
	}
	got, err := s.Get(ctx, usr("alice", "password"), false)
	must(t, err)
	if !got.Encrypted || strings.Contains(got.Value, plain) {
		t.Errorf("get without decrypt: got %+v, want the ciphertext", got)
	}
	got, err = s.Get(ctx, usr("alice", "password"), true)
	must(t, err)
	if got.Value != plain || got.Encrypted || !got.Secret {
		t.Errorf("get with decrypt: got %+v, want %q", got, plain)
	}
	page, err := s.List(ctx, datastore.Query{})
	must(t, err)
	for _, kv := range page.Items {
		if strings.Contains(kv.Value, plain) || !kv.Encrypted {
			t.Errorf("listing shows the secret: %+v", kv)
		}
	}
	_, err = s.Get(ctx, usr("alice", "nope"), true)
	if err == nil || strings.Contains(err.Error(), plain) {
		t.Errorf("error %v reveals the secret or is missing", err)
	}
}
