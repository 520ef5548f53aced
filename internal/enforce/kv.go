package enforce

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/rule"
	"github.com/stormless/stormless/internal/runner"
)

// CriteriaDatastore returns the rule.Datastore that serves criteria's
// st2kv.system lookups from ds (nil: every key missing).
func CriteriaDatastore(ds datastore.Store) rule.Datastore { return kvLookup{ds} }

// kvLookup serves rule criteria's st2kv.system lookups from the datastore.
type kvLookup struct{ ds datastore.Store }

// Lookup implements rule.Datastore.
func (k kvLookup) Lookup(ctx context.Context, key string) (string, bool, error) {
	if k.ds == nil {
		return "", false, nil
	}
	kv, err := k.ds.Get(ctx, datastore.Key{Scope: datastore.ScopeSystem, Name: key}, false)
	if errors.Is(err, datastore.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("looking up %s: %w", key, err)
	}
	return kv.Value, true, nil
}

// kvLookups serves workflow.ActionKVLookup: {"lookups": [{"key",
// "decrypt"}]} to an object from key to value. Keys are "system.k" or
// "user.k" (st2kv() names them with their scope; user keys are the
// workflow's user's, from actx); a bare key is a system key. A missing key
// is null.
func (e *Enforcer) kvLookups(ctx context.Context, params, actx map[string]any) (map[string]any, error) {
	req := runner.Request{User: contextUser(actx)}
	out := map[string]any{}
	lookups, _ := params["lookups"].([]any)
	for _, l := range lookups {
		m, _ := l.(map[string]any)
		key, _ := m["key"].(string)
		decrypt, _ := m["decrypt"].(bool)
		v, err := e.kvGet(ctx, req, key, decrypt)
		if err != nil {
			return nil, err
		}
		out[key] = v
	}
	return out, nil
}

// kvGet returns the value of one st2kv() key as req's execution sees it;
// nil when it is missing.
func (e *Enforcer) kvGet(ctx context.Context, req runner.Request, key string, decrypt bool) (any, error) {
	if e.datastore == nil {
		return nil, nil
	}
	scope, name := datastore.ScopeSystem, key
	if len(key) > 7 && key[:7] == "system." {
		name = key[7:]
	} else if len(key) > 5 && key[:5] == "user." {
		scope, name = datastore.ScopeUser, key[5:]
	}
	kv, err := e.datastore.Get(ctx, req.Key(scope, name), decrypt)
	if errors.Is(err, datastore.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("looking up %s: %w", key, err)
	}
	return kv.Value, nil
}
