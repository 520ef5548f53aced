package memkv

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/secretkey"
)

// Store is an in-memory datastore.Store. Secrets are sealed under a random
// key made by New, so they are reported encrypted exactly as a persistent
// store reports them. The zero value is not usable; call New. A Store is
// safe for concurrent use.
type Store struct {
	mu    sync.Mutex
	items map[datastore.Key]datastore.KeyValue
	key   *secretkey.Key
	now   func() time.Time
}

var _ datastore.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store)

// WithClock makes the store read the time (for expiry) from now.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// New returns an empty Store.
func New(opts ...Option) (*Store, error) {
	raw := make([]byte, 32)
	_, _ = rand.Read(raw) // crypto/rand.Read never fails (Go 1.24+)
	key, err := secretkey.New(raw)
	if err != nil {
		return nil, fmt.Errorf("creating memory datastore: %w", err)
	}
	s := &Store{items: map[datastore.Key]datastore.KeyValue{}, key: key, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Set implements datastore.Store.
func (s *Store) Set(_ context.Context, k datastore.Key, value string, opts datastore.SetOptions) (datastore.KeyValue, error) {
	if err := k.Validate(); err != nil {
		return datastore.KeyValue{}, err
	}
	if opts.TTL < 0 {
		return datastore.KeyValue{}, fmt.Errorf("setting %s: negative ttl: %w", k, datastore.ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	kv := datastore.KeyValue{Name: k.Name, Value: value, Scope: k.Scope, User: k.User, Secret: opts.Secret}
	if opts.Secret {
		kv = s.key.SealItem(kv)
	}
	if opts.TTL > 0 {
		kv.ExpireTimestamp = s.now().Add(opts.TTL).UTC()
	}
	s.items[k] = kv
	return kv, nil
}

// Get implements datastore.Store.
func (s *Store) Get(_ context.Context, k datastore.Key, decrypt bool) (datastore.KeyValue, error) {
	if err := k.Validate(); err != nil {
		return datastore.KeyValue{}, err
	}
	s.mu.Lock()
	kv, ok := s.live(k)
	s.mu.Unlock()
	if !ok {
		return datastore.KeyValue{}, fmt.Errorf("getting %s: %w", k, datastore.ErrNotFound)
	}
	if !decrypt {
		return kv, nil
	}
	kv, err := s.key.OpenItem(kv)
	if err != nil {
		return kv, fmt.Errorf("getting %s: %w", k, err)
	}
	return kv, nil
}

// Delete implements datastore.Store.
func (s *Store) Delete(_ context.Context, k datastore.Key) error {
	if err := k.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.live(k); !ok {
		return fmt.Errorf("deleting %s: %w", k, datastore.ErrNotFound)
	}
	delete(s.items, k)
	return nil
}

// List implements datastore.Store: items ordered by scope, user and name,
// paged by the last item's key; secrets stay encrypted.
func (s *Store) List(_ context.Context, q datastore.Query) (datastore.Page, error) {
	var page datastore.Page
	if q.Scope != "" && q.Scope != datastore.ScopeSystem && q.Scope != datastore.ScopeUser {
		return page, fmt.Errorf("listing keys: scope %q: %w", q.Scope, datastore.ErrInvalid)
	}
	var after datastore.Key
	if q.Token != "" {
		k, err := datastore.ParsePageToken(q.Token)
		if err != nil {
			return page, err
		}
		after = k
	}
	items := s.selected(q, after)
	if len(items) > q.PageSize() {
		items = items[:q.PageSize()]
		page.Next = datastore.PageToken(items[len(items)-1].Key())
	}
	page.Items = items
	return page, nil
}

// selected returns the live items q selects after the key after (when
// set), in listing order.
func (s *Store) selected(q datastore.Query, after datastore.Key) []datastore.KeyValue {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []datastore.KeyValue
	for k := range s.items {
		kv, ok := s.live(k)
		if ok && matches(q, k) && (q.Token == "" || k.Compare(after) > 0) {
			out = append(out, kv)
		}
	}
	slices.SortFunc(out, func(a, b datastore.KeyValue) int { return a.Key().Compare(b.Key()) })
	return out
}

// matches reports whether q selects the item at k.
func matches(q datastore.Query, k datastore.Key) bool {
	return (q.Scope == "" || k.Scope == q.Scope) &&
		(q.User == "" || k.User == "" || k.User == q.User) &&
		strings.HasPrefix(k.Name, q.Prefix)
}

// live returns the unexpired item at k, deleting it once expired; s.mu
// is held.
func (s *Store) live(k datastore.Key) (datastore.KeyValue, bool) {
	kv, ok := s.items[k]
	if ok && !kv.ExpireTimestamp.IsZero() && !s.now().Before(kv.ExpireTimestamp) {
		delete(s.items, k)
		return datastore.KeyValue{}, false
	}
	return kv, ok
}
