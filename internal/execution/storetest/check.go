package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
)

// sameJSON fails t unless got and want encode to the same JSON: records
// are compared as the API would show them.
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("%s: encoding got: %v", what, err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatalf("%s: encoding want: %v", what, err)
	}
	if string(g) != string(w) {
		t.Errorf("%s:\ngot  %s\nwant %s", what, g, w)
	}
}

// wantErr fails t unless err wraps target (or is nil when target is nil).
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if target == nil && err != nil {
		t.Fatalf("%s: got error %v, want none", what, err)
	}
	if target != nil && !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want %v", what, err, target)
	}
}

// sameIDs fails t unless got equals want.
func sameIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: got ids %v, want %v", what, got, want)
	}
}

// must fails t on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// ids returns the ids of items by id func.
func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

// collect pages through a listing with page size limit and returns every
// item's id, failing t on an error or a page larger than limit.
func collect[T any](t *testing.T, limit int, list func(ctx context.Context, token string) ([]T, string, error), id func(T) string) []string {
	t.Helper()
	var out []string
	token := ""
	for range 10000 {
		items, next, err := list(t.Context(), token)
		must(t, err)
		if len(items) > limit {
			t.Fatalf("page of %d items, want at most %d", len(items), limit)
		}
		out = append(out, ids(items, id)...)
		if next == "" {
			return out
		}
		token = next
	}
	t.Fatal("paging did not end")
	return nil
}

// contextT shortens page function signatures.
type contextT = context.Context
