package datastoretest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

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

// testTTL checks expiry by the store's clock.
func testTTL(t *testing.T, open Open) {
	s, c := fixed(t, open)
	ctx := t.Context()
	set, err := s.Set(ctx, sys("session"), "abc", datastore.SetOptions{TTL: time.Minute})
	must(t, err)
	if want := c.t.Add(time.Minute); !set.ExpireTimestamp.Equal(want) {
		t.Errorf("expire_timestamp: got %v, want %v", set.ExpireTimestamp, want)
	}
	_, err = s.Set(ctx, sys("forever"), "x", datastore.SetOptions{})
	must(t, err)
	c.t = c.t.Add(59 * time.Second)
	got, err := s.Get(ctx, sys("session"), false)
	must(t, err)
	if !got.ExpireTimestamp.Equal(set.ExpireTimestamp) {
		t.Errorf("get: got expire_timestamp %v, want %v", got.ExpireTimestamp, set.ExpireTimestamp)
	}
	c.t = c.t.Add(time.Second)
	_, err = s.Get(ctx, sys("session"), false)
	wantErr(t, "get expired", err, datastore.ErrNotFound)
	wantErr(t, "delete expired", s.Delete(ctx, sys("session")), datastore.ErrNotFound)
	page, err := s.List(ctx, datastore.Query{})
	must(t, err)
	if names := names(page.Items); !slices.Equal(names, []string{"forever"}) {
		t.Errorf("list after expiry: got %v, want [forever]", names)
	}
	_, err = s.Set(ctx, sys("session"), "new", datastore.SetOptions{})
	must(t, err)
	got, err = s.Get(ctx, sys("session"), false)
	must(t, err)
	if got.Value != "new" || !got.ExpireTimestamp.IsZero() {
		t.Errorf("set again: got %+v, want value new, no expiry", got)
	}
}

// testList covers scope, user and prefix filters and paging.
func testList(t *testing.T, open Open) {
	s, _ := fixed(t, open)
	ctx := t.Context()
	for i := range 12 {
		_, err := s.Set(ctx, sys(fmt.Sprintf("app.%02d", i)), "v", datastore.SetOptions{})
		must(t, err)
	}
	for _, k := range []datastore.Key{sys("other"), usr("alice", "app.x"), usr("bob", "app.y")} {
		_, err := s.Set(ctx, k, "v", datastore.SetOptions{})
		must(t, err)
	}
	tests := []struct {
		name string
		q    datastore.Query
		want int
		keys []string
	}{
		{"everything", datastore.Query{}, 15, nil},
		{"system prefix", datastore.Query{Scope: datastore.ScopeSystem, Prefix: "app."}, 12, nil},
		{"user scope", datastore.Query{Scope: datastore.ScopeUser}, 2, []string{"alice:app.x", "bob:app.y"}},
		{"one user", datastore.Query{Scope: datastore.ScopeUser, User: "alice"}, 1, []string{"alice:app.x"}},
		{"visible to bob", datastore.Query{User: "bob", Prefix: "o"}, 1, []string{"other"}},
		{"prefix with like characters", datastore.Query{Prefix: "app_%"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := listAll(t, s, tt.q, 5)
			if len(got) != tt.want {
				t.Errorf("got %d items %v, want %d", len(got), keys(got), tt.want)
			}
			if tt.keys != nil && !slices.Equal(keys(got), tt.keys) {
				t.Errorf("got keys %v, want %v", keys(got), tt.keys)
			}
		})
	}
	_, err := s.List(ctx, datastore.Query{Token: "%%%"})
	wantErr(t, "bad token", err, datastore.ErrInvalid)
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

// testInvalid covers malformed keys.
func testInvalid(t *testing.T, open Open) {
	s, _ := fixed(t, open)
	ctx := t.Context()
	tests := []struct {
		name string
		key  datastore.Key
	}{
		{"empty name", sys("")},
		{"unknown scope", datastore.Key{Scope: "team", Name: "k"}},
		{"user scope without user", datastore.Key{Scope: datastore.ScopeUser, Name: "k"}},
		{"system scope with user", datastore.Key{Scope: datastore.ScopeSystem, User: "alice", Name: "k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Set(ctx, tt.key, "v", datastore.SetOptions{})
			wantErr(t, "set", err, datastore.ErrInvalid)
			_, err = s.Get(ctx, tt.key, false)
			wantErr(t, "get", err, datastore.ErrInvalid)
			wantErr(t, "delete", s.Delete(ctx, tt.key), datastore.ErrInvalid)
		})
	}
	_, err := s.Set(ctx, sys("k"), "v", datastore.SetOptions{TTL: -time.Second})
	wantErr(t, "negative ttl", err, datastore.ErrInvalid)
}

// listAll pages through q with page size limit.
func listAll(t *testing.T, s datastore.Store, q datastore.Query, limit int) []datastore.KeyValue {
	t.Helper()
	q.Limit = limit
	var out []datastore.KeyValue
	for range 1000 {
		page, err := s.List(t.Context(), q)
		must(t, err)
		if len(page.Items) > limit {
			t.Fatalf("got a page of %d, want at most %d", len(page.Items), limit)
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out
		}
		q.Token = page.Next
	}
	t.Fatal("paging did not end")
	return nil
}

// names returns the items' names.
func names(items []datastore.KeyValue) []string {
	var out []string
	for _, kv := range items {
		out = append(out, kv.Name)
	}
	return out
}

// keys returns the items' keys as StackStorm shows them.
func keys(items []datastore.KeyValue) []string {
	var out []string
	for _, kv := range items {
		out = append(out, kv.Key().String())
	}
	return out
}

// must fails t on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr fails t unless err wraps target.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: got error %v, want %v", what, err, target)
	}
}
