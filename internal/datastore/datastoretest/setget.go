package datastoretest

import (
	"testing"

	"github.com/stormless/stormless/internal/datastore"
)

// testSetGet covers set, get and replace.
func testSetGet(t *testing.T, open Open) {
	s, _ := fixed(t, open)
	ctx := t.Context()
	got, err := s.Set(ctx, sys("greeting"), "hello", datastore.SetOptions{})
	must(t, err)
	want := datastore.KeyValue{Name: "greeting", Value: "hello", Scope: datastore.ScopeSystem}
	if got != want {
		t.Errorf("set: got %+v, want %+v", got, want)
	}
	got, err = s.Get(ctx, sys("greeting"), false)
	must(t, err)
	if got != want {
		t.Errorf("get: got %+v, want %+v", got, want)
	}
	_, err = s.Set(ctx, sys("greeting"), "bonjour", datastore.SetOptions{})
	must(t, err)
	got, err = s.Get(ctx, sys("greeting"), true)
	must(t, err)
	if got.Value != "bonjour" {
		t.Errorf("replaced: got %q, want bonjour", got.Value)
	}
	_, err = s.Get(ctx, sys("missing"), false)
	wantErr(t, "get missing", err, datastore.ErrNotFound)
}

// testScopes checks that the system scope and each user's are apart.
func testScopes(t *testing.T, open Open) {
	s, _ := fixed(t, open)
	ctx := t.Context()
	for _, k := range []datastore.Key{sys("k"), usr("alice", "k"), usr("bob", "k")} {
		_, err := s.Set(ctx, k, "value of "+k.String(), datastore.SetOptions{})
		must(t, err)
	}
	tests := []struct {
		name string
		key  datastore.Key
		want string
	}{
		{"system", sys("k"), "value of k"},
		{"alice", usr("alice", "k"), "value of alice:k"},
		{"bob", usr("bob", "k"), "value of bob:k"},
	}
	for _, tt := range tests {
		got, err := s.Get(ctx, tt.key, false)
		must(t, err)
		if got.Value != tt.want || got.User != tt.key.User || got.Scope != tt.key.Scope {
			t.Errorf("%s: got %+v, want value %q in %s/%s", tt.name, got, tt.want, tt.key.Scope, tt.key.User)
		}
	}
	_, err := s.Get(ctx, usr("carol", "k"), false)
	wantErr(t, "another user's scope", err, datastore.ErrNotFound)
}

// testDelete covers deletion.
func testDelete(t *testing.T, open Open) {
	s, _ := fixed(t, open)
	ctx := t.Context()
	_, err := s.Set(ctx, usr("alice", "k"), "v", datastore.SetOptions{})
	must(t, err)
	wantErr(t, "delete in another scope", s.Delete(ctx, sys("k")), datastore.ErrNotFound)
	must(t, s.Delete(ctx, usr("alice", "k")))
	_, err = s.Get(ctx, usr("alice", "k"), false)
	wantErr(t, "get deleted", err, datastore.ErrNotFound)
	wantErr(t, "delete twice", s.Delete(ctx, usr("alice", "k")), datastore.ErrNotFound)
}
