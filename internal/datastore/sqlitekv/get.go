package sqlitekv

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

// Get implements datastore.Store. A secret whose ciphertext does not open
// under the key is an error that names the item, never its value.
func (s *Store) Get(ctx context.Context, k datastore.Key, decrypt bool) (datastore.KeyValue, error) {
	if err := k.Validate(); err != nil {
		return datastore.KeyValue{}, err
	}
	const q = `SELECT scope, user, name, value, secret, expires FROM kv
		WHERE scope = ? AND user = ? AND name = ? AND (expires = 0 OR expires > ?)`
	kv, err := scanItem(s.db.QueryRowContext(ctx, q, k.Scope, k.User, k.Name, s.now().UnixNano()))
	if errors.Is(err, sql.ErrNoRows) {
		return kv, fmt.Errorf("getting %s: %w", k, datastore.ErrNotFound)
	}
	if err != nil {
		return kv, fmt.Errorf("getting %s: %w", k, err)
	}
	if !decrypt {
		return kv, nil
	}
	kv, err = s.key.OpenItem(kv)
	if err != nil {
		return kv, fmt.Errorf("getting %s: %w", k, err)
	}
	return kv, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// scanItem reads one kv row, as stored (secrets encrypted).
func scanItem(r scanner) (datastore.KeyValue, error) {
	var kv datastore.KeyValue
	var expires int64
	if err := r.Scan(&kv.Scope, &kv.User, &kv.Name, &kv.Value, &kv.Secret, &expires); err != nil {
		return datastore.KeyValue{}, err
	}
	kv.Encrypted = kv.Secret
	if expires != 0 {
		kv.ExpireTimestamp = time.Unix(0, expires).UTC()
	}
	return kv, nil
}
