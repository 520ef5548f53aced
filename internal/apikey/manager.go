package apikey

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/api"
)

// Manager serves a Store as the API's key manager (/api/v1/apikeys).
type Manager struct{ Store Store }

var _ api.KeyManager = Manager{}

// view returns k in the API's form.
func view(k Key) api.APIKey {
	return api.APIKey{ID: k.ID, User: k.User, CreatedAt: k.CreatedAt, Enabled: k.Enabled, Metadata: k.Metadata}
}

// CreateAPIKey creates a key for user; its secret is in Key.
func (m Manager) CreateAPIKey(ctx context.Context, user string, metadata map[string]string) (api.APIKey, error) {
	k, secret, err := m.Store.Create(ctx, user, metadata)
	if err != nil {
		return api.APIKey{}, err
	}
	v := view(k)
	v.Key = secret
	return v, nil
}

// ListAPIKeys lists every key, without secrets.
func (m Manager) ListAPIKeys(ctx context.Context) ([]api.APIKey, error) {
	keys, err := m.Store.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]api.APIKey, len(keys))
	for i, k := range keys {
		out[i] = view(k)
	}
	return out, nil
}

// DeleteAPIKey deletes key id; an error wrapping api.ErrAPIKeyNotFound when
// there is none.
func (m Manager) DeleteAPIKey(ctx context.Context, id string) error {
	err := m.Store.Delete(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("deleting api key %s: %w", id, api.ErrAPIKeyNotFound)
	}
	return err
}
