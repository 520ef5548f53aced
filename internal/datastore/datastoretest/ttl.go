package datastoretest

import (
	"slices"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

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
