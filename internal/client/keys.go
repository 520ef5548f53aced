package client

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/stormless/stormless/internal/datastore"
)

// KeyFilter narrows Keys: Scope is st2kv.system, st2kv.user (or system,
// user), or empty for both; Decrypt asks for secrets in plain text.
type KeyFilter struct {
	Scope   string
	User    string
	Prefix  string
	Decrypt bool
	Paging
}

// Keys lists key-value pairs by name.
func (c *Client) Keys(ctx context.Context, f KeyFilter) (Page[datastore.KeyValue], error) {
	q := optional("scope", f.Scope, "user", f.User, "prefix", f.Prefix)
	if f.Decrypt {
		q.Set("decrypt", "true")
	}
	return list[datastore.KeyValue](ctx, c, apiPath("keys"), q, f.Paging)
}

// KeyRef names one key-value pair: its name, scope (system when empty) and,
// in user scope, its user (the caller's when empty).
type KeyRef struct {
	Name  string
	Scope string
	User  string
}

// query returns k's scope and user as a query.
func (k KeyRef) query() url.Values { return optional("scope", k.Scope, "user", k.User) }

// Key returns one key-value pair, a secret decrypted only when decrypt is
// set; a 404 *Error when there is none.
func (c *Client) Key(ctx context.Context, k KeyRef, decrypt bool) (datastore.KeyValue, error) {
	q := k.query()
	if decrypt {
		q.Set("decrypt", "true")
	}
	return getJSON[datastore.KeyValue](ctx, c, apiPath("keys", k.Name), q)
}

// SetKeyOptions are the options of SetKey: Secret stores the value
// encrypted; TTL, in seconds, expires it (0 never does).
type SetKeyOptions struct {
	Secret bool
	TTL    int
}

// SetKey creates or replaces a key-value pair and returns it as stored (a
// secret's value encrypted).
func (c *Client) SetKey(ctx context.Context, k KeyRef, value string, opts SetKeyOptions) (datastore.KeyValue, error) {
	body := map[string]any{"name": k.Name, "value": value, "secret": opts.Secret}
	if k.Scope != "" {
		body["scope"] = k.Scope
	}
	if k.User != "" {
		body["user"] = k.User
	}
	if opts.TTL > 0 {
		body["ttl"] = opts.TTL
	}
	return call[datastore.KeyValue](ctx, c, request{method: http.MethodPut, path: apiPath("keys", k.Name), body: body})
}

// DeleteKey deletes a key-value pair; a 404 *Error when there is none.
func (c *Client) DeleteKey(ctx context.Context, k KeyRef) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: apiPath("keys", k.Name), query: k.query()}, nil)
	return err
}

// APIKey is an API key as the server lists it: never the key itself,
// except in the answer to CreateAPIKey.
type APIKey struct {
	ID        string            `json:"id"`
	User      string            `json:"user"`
	CreatedAt time.Time         `json:"created_at"`
	Enabled   bool              `json:"enabled"`
	Metadata  map[string]string `json:"metadata,omitempty"`
	// Key is the secret, set only in CreateAPIKey's answer.
	Key string `json:"key,omitempty"`
}

// APIKeys lists the server's API keys (StackStorm's /api/v1/apikeys).
func (c *Client) APIKeys(ctx context.Context) ([]APIKey, error) {
	return getJSON[[]APIKey](ctx, c, apiPath("apikeys"), nil)
}

// CreateAPIKey creates an API key acting as user (the caller's when empty)
// and returns it with its secret, which the server shows this once.
func (c *Client) CreateAPIKey(ctx context.Context, user string) (APIKey, error) {
	body := map[string]any{}
	if user != "" {
		body["user"] = user
	}
	return call[APIKey](ctx, c, request{method: http.MethodPost, path: apiPath("apikeys"), body: body})
}

// DeleteAPIKey deletes API key id; a 404 *Error when there is none.
func (c *Client) DeleteAPIKey(ctx context.Context, id string) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: apiPath("apikeys", id)}, nil)
	return err
}
