package sqlitekeys

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/apikey"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is an apikey.Store in one SQLite file. It is safe for concurrent
// use, also with other processes opening the same file.
type Store struct {
	db  *sql.DB
	now func() time.Time
}

var (
	_ apikey.Store      = (*Store)(nil)
	_ api.Authenticator = (*Store)(nil)
)

const schema = `CREATE TABLE IF NOT EXISTS api_keys (
	id TEXT PRIMARY KEY,
	key_hash BLOB NOT NULL UNIQUE,
	user TEXT NOT NULL,
	created_at TEXT NOT NULL,
	enabled INTEGER NOT NULL DEFAULT 1,
	metadata TEXT NOT NULL DEFAULT '{}'
)`

// Open opens (creating it when missing) the key file at path.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening api keys %s: %w", path, err)
	}
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return nil, errors.Join(fmt.Errorf("creating api keys table in %s: %w", path, err), db.Close())
	}
	return &Store{db: db, now: time.Now}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Create makes an enabled key for user and returns it with its secret.
func (s *Store) Create(ctx context.Context, user string, metadata map[string]string) (apikey.Key, string, error) {
	if user == "" {
		return apikey.Key{}, "", errors.New("creating api key: empty user")
	}
	id, err := apikey.NewID()
	if err != nil {
		return apikey.Key{}, "", err
	}
	secret, hash, err := apikey.NewSecret()
	if err != nil {
		return apikey.Key{}, "", err
	}
	meta, err := json.Marshal(metadata)
	if err != nil {
		return apikey.Key{}, "", fmt.Errorf("encoding api key metadata: %w", err)
	}
	k := apikey.Key{ID: id, User: user, CreatedAt: s.now().UTC().Truncate(time.Second), Enabled: true, Metadata: metadata}
	_, err = s.db.ExecContext(ctx, `INSERT INTO api_keys (id, key_hash, user, created_at, enabled, metadata) VALUES (?, ?, ?, ?, 1, ?)`,
		k.ID, hash, k.User, k.CreatedAt.Format(time.RFC3339), string(meta))
	if err != nil {
		return apikey.Key{}, "", fmt.Errorf("storing api key: %w", err)
	}
	return k, secret, nil
}

// List returns every key, oldest first, without secrets.
func (s *Store) List(ctx context.Context) ([]apikey.Key, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, user, created_at, enabled, metadata FROM api_keys ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("listing api keys: %w", err)
	}
	defer rows.Close()
	keys := []apikey.Key{}
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing api keys: %w", err)
	}
	return keys, nil
}

// scanKey reads one row of List.
func scanKey(rows *sql.Rows) (apikey.Key, error) {
	var k apikey.Key
	var created, meta string
	if err := rows.Scan(&k.ID, &k.User, &created, &k.Enabled, &meta); err != nil {
		return k, fmt.Errorf("reading api key: %w", err)
	}
	var err error
	if k.CreatedAt, err = time.Parse(time.RFC3339, created); err != nil {
		return k, fmt.Errorf("reading api key %s created_at: %w", k.ID, err)
	}
	if err := json.Unmarshal([]byte(meta), &k.Metadata); err != nil {
		return k, fmt.Errorf("reading api key %s metadata: %w", k.ID, err)
	}
	return k, nil
}

// Delete removes the key with id; an error wrapping apikey.ErrNotFound when
// there is none.
func (s *Store) Delete(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM api_keys WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("deleting api key %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("deleting api key %s: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("deleting api key %s: %w", id, apikey.ErrNotFound)
	}
	return nil
}

// Authenticate returns the user of the enabled key secret; an error
// wrapping apikey.ErrUnauthorized when secret is empty, unknown or disabled.
// The secret is looked up by its hash, which is then compared in constant
// time; neither is ever logged.
func (s *Store) Authenticate(ctx context.Context, secret string) (string, error) {
	if secret == "" {
		return "", fmt.Errorf("%w: no api key", apikey.ErrUnauthorized)
	}
	hash := apikey.Hash(secret)
	var stored []byte
	var user string
	var enabled bool
	err := s.db.QueryRowContext(ctx, `SELECT key_hash, user, enabled FROM api_keys WHERE key_hash = ?`, hash).
		Scan(&stored, &user, &enabled)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w: unknown api key", apikey.ErrUnauthorized)
	}
	if err != nil {
		return "", fmt.Errorf("looking up api key: %w", err)
	}
	if subtle.ConstantTimeCompare(stored, hash) != 1 || !enabled {
		return "", fmt.Errorf("%w: api key disabled", apikey.ErrUnauthorized)
	}
	return user, nil
}
