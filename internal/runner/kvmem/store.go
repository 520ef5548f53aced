package kvmem

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// Store is an in-memory runner.Datastore. Secrets are kept in clear (Get
// returns them whether or not decrypt is set); TTLs are honoured on read.
// The zero value is not usable; call New. A Store is safe for concurrent
// use.
type Store struct {
	mu    sync.Mutex
	items map[runner.Scope]map[string]runner.KeyValue
	now   func() time.Time
}

var _ runner.Datastore = (*Store)(nil)

// New returns an empty Store.
func New() *Store {
	return &Store{items: map[runner.Scope]map[string]runner.KeyValue{}, now: time.Now}
}

// Get implements runner.Datastore.
func (s *Store) Get(_ context.Context, scope runner.Scope, key string, _ bool) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kv, ok := s.live(scope, key)
	if !ok {
		return "", fmt.Errorf("getting %s:%s: %w", scope, key, runner.ErrKeyNotFound)
	}
	return kv.Value, nil
}

// Set implements runner.Datastore.
func (s *Store) Set(_ context.Context, scope runner.Scope, key, value string, opts runner.SetOptions) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	kv := runner.KeyValue{Name: key, Value: value, Scope: scope, Secret: opts.Secret}
	if opts.TTL > 0 {
		kv.Expires = s.now().Add(opts.TTL)
	}
	if s.items[scope] == nil {
		s.items[scope] = map[string]runner.KeyValue{}
	}
	s.items[scope][key] = kv
	return nil
}

// Delete implements runner.Datastore.
func (s *Store) Delete(_ context.Context, scope runner.Scope, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.live(scope, key); !ok {
		return fmt.Errorf("deleting %s:%s: %w", scope, key, runner.ErrKeyNotFound)
	}
	delete(s.items[scope], key)
	return nil
}

// List implements runner.Datastore.
func (s *Store) List(_ context.Context, scope runner.Scope, prefix string) ([]runner.KeyValue, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []runner.KeyValue
	for name := range s.items[scope] {
		if kv, ok := s.live(scope, name); ok && strings.HasPrefix(name, prefix) {
			out = append(out, kv)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// live returns the unexpired item; s.mu is held.
func (s *Store) live(scope runner.Scope, key string) (runner.KeyValue, bool) {
	kv, ok := s.items[scope][key]
	if !ok || (!kv.Expires.IsZero() && !s.now().Before(kv.Expires)) {
		return runner.KeyValue{}, false
	}
	return kv, true
}
