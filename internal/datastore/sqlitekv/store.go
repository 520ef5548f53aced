package sqlitekv

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/secretkey"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var _ datastore.Store = (*Store)(nil)

// Store is the datastore in one SQLite file. It is safe for concurrent
// use, and several processes may share the file.
type Store struct {
	db  *sql.DB
	key *secretkey.Key
	now func() time.Time
}

// Option configures Open.
type Option func(*Store)

// WithClock makes the store read time from now instead of time.Now; tests
// use it to expire items without sleeping.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// Open opens (creating it when missing) the datastore file at path,
// sealing secrets with key, and applies pending migrations.
func Open(ctx context.Context, path string, key *secretkey.Key, opts ...Option) (*Store, error) {
	if key == nil {
		return nil, errors.New("opening datastore: no secret key")
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening datastore %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	if err := migrate(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("opening datastore %s: %w", path, err)
	}
	s := &Store{db: db, key: key, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Close closes the file. Methods called after Close fail.
func (s *Store) Close() error {
	return s.db.Close()
}
