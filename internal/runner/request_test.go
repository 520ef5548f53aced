package runner

import (
	"testing"

	"github.com/stormless/stormless/internal/datastore"
)

func TestRequestKey(t *testing.T) {
	tests := []struct {
		name  string
		user  string
		scope datastore.Scope
		want  datastore.Key
	}{
		{"system", "alice", datastore.ScopeSystem, datastore.Key{Scope: datastore.ScopeSystem, Name: "k"}},
		{"user", "alice", datastore.ScopeUser, datastore.Key{Scope: datastore.ScopeUser, User: "alice", Name: "k"}},
		{"user, default user", "", datastore.ScopeUser, datastore.Key{Scope: datastore.ScopeUser, User: DefaultUser, Name: "k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Request{User: tt.user}).Key(tt.scope, "k"); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
