package kvmem

import (
	"errors"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/runner"
	"github.com/stormless/stormless/internal/runner/datastoretest"
)

func TestStore(t *testing.T) {
	ctx := t.Context()
	s := New()
	now := time.Unix(1000, 0)
	s.now = func() time.Time { return now }
	if err := s.Set(ctx, runner.ScopeSystem, "a:1", "x", runner.SetOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, runner.ScopeSystem, "a:2", "y", runner.SetOptions{TTL: time.Second}); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, runner.ScopeUser, "a:3", "z", runner.SetOptions{Secret: true}); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get(ctx, runner.ScopeSystem, "a:1", false); err != nil || v != "x" {
		t.Errorf("got %q %v, want x", v, err)
	}
	if l, _ := s.List(ctx, runner.ScopeSystem, "a:"); len(l) != 2 || l[0].Name != "a:1" {
		t.Errorf("got %v, want a:1 and a:2", l)
	}
	now = now.Add(2 * time.Second)
	if _, err := s.Get(ctx, runner.ScopeSystem, "a:2", false); !errors.Is(err, runner.ErrKeyNotFound) {
		t.Errorf("expired key: got %v, want ErrKeyNotFound", err)
	}
	if err := s.Delete(ctx, runner.ScopeSystem, "a:1"); err != nil {
		t.Errorf("delete: %v", err)
	}
	if err := s.Delete(ctx, runner.ScopeSystem, "a:1"); !errors.Is(err, runner.ErrKeyNotFound) {
		t.Errorf("second delete: got %v, want ErrKeyNotFound", err)
	}
	if _, err := s.Get(ctx, runner.ScopeSystem, "a:3", false); !errors.Is(err, runner.ErrKeyNotFound) {
		t.Errorf("other scope: got %v, want ErrKeyNotFound", err)
	}
}

func TestConformance(t *testing.T) {
	datastoretest.Run(t, func(*testing.T) runner.Datastore { return New() })
}
