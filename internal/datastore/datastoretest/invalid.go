package datastoretest

import (
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

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
