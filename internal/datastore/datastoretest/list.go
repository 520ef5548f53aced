package datastoretest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stormless/stormless/internal/datastore"
)

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
