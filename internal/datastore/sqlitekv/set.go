package sqlitekv

import (
	"context"
	"fmt"

	"github.com/stormless/stormless/internal/datastore"
)

// Set implements datastore.Store. It also deletes items that have expired.
func (s *Store) Set(ctx context.Context, k datastore.Key, value string, opts datastore.SetOptions) (datastore.KeyValue, error) {
	if err := k.Validate(); err != nil {
		return datastore.KeyValue{}, err
	}
	if opts.TTL < 0 {
		return datastore.KeyValue{}, fmt.Errorf("setting %s: negative ttl: %w", k, datastore.ErrInvalid)
	}
	now := s.now()
	kv := datastore.KeyValue{Name: k.Name, Value: value, Scope: k.Scope, User: k.User, Secret: opts.Secret}
	if opts.Secret {
		kv = s.key.SealItem(kv)
	}
	var expires int64
	if opts.TTL > 0 {
		kv.ExpireTimestamp = now.Add(opts.TTL).UTC()
		expires = kv.ExpireTimestamp.UnixNano()
	}
	const upsert = `INSERT INTO kv (scope, user, name, value, secret, expires) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (scope, user, name) DO UPDATE SET value = excluded.value, secret = excluded.secret, expires = excluded.expires`
	if _, err := s.db.ExecContext(ctx, upsert, k.Scope, k.User, k.Name, kv.Value, opts.Secret, expires); err != nil {
		return datastore.KeyValue{}, fmt.Errorf("setting %s: %w", k, err)
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM kv WHERE expires <> 0 AND expires <= ?", now.UnixNano()); err != nil {
		return kv, fmt.Errorf("deleting expired keys: %w", err)
	}
	return kv, nil
}

// Delete implements datastore.Store.
func (s *Store) Delete(ctx context.Context, k datastore.Key) error {
	if err := k.Validate(); err != nil {
		return err
	}
	const del = "DELETE FROM kv WHERE scope = ? AND user = ? AND name = ? AND (expires = 0 OR expires > ?)"
	res, err := s.db.ExecContext(ctx, del, k.Scope, k.User, k.Name, s.now().UnixNano())
	if err != nil {
		return fmt.Errorf("deleting %s: %w", k, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("deleting %s: %w", k, datastore.ErrNotFound)
	}
	return nil
}
