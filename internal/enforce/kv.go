package enforce

import (
	"context"
	"errors"
	"fmt"

	"github.com/stormless/stormless/internal/rule"
	"github.com/stormless/stormless/internal/runner"
)

// CriteriaDatastore returns the rule.Datastore that serves criteria's
// st2kv.system lookups from ds (nil: every key missing).
func CriteriaDatastore(ds runner.Datastore) rule.Datastore { return kvLookup{ds} }

// kvLookup serves rule criteria's st2kv.system lookups from the datastore.
type kvLookup struct{ ds runner.Datastore }

// Lookup implements rule.Datastore.
func (k kvLookup) Lookup(ctx context.Context, key string) (string, bool, error) {
	if k.ds == nil {
		return "", false, nil
	}
	v, err := k.ds.Get(ctx, runner.ScopeSystem, key, false)
	if errors.Is(err, runner.ErrKeyNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("looking up %s: %w", key, err)
	}
	return v, true, nil
}

// kvLookups serves workflow.ActionKVLookup: {"lookups": [{"key",
// "decrypt"}]} to an object from key to value. Keys are "system.k" or
// "user.k" (st2kv() names them with their scope); a bare key is a system
// key. A missing key is null.
func (e *Enforcer) kvLookups(ctx context.Context, params map[string]any) (map[string]any, error) {
	out := map[string]any{}
	lookups, _ := params["lookups"].([]any)
	for _, l := range lookups {
		m, _ := l.(map[string]any)
		key, _ := m["key"].(string)
		decrypt, _ := m["decrypt"].(bool)
		v, err := e.kvGet(ctx, key, decrypt)
		if err != nil {
			return nil, err
		}
		out[key] = v
	}
	return out, nil
}

func (e *Enforcer) kvGet(ctx context.Context, key string, decrypt bool) (any, error) {
	if e.datastore == nil {
		return nil, nil
	}
	scope, name := runner.ScopeSystem, key
	if len(key) > 7 && key[:7] == "system." {
		name = key[7:]
	} else if len(key) > 5 && key[:5] == "user." {
		scope, name = runner.ScopeUser, key[5:]
	}
	v, err := e.datastore.Get(ctx, scope, name, decrypt)
	if errors.Is(err, runner.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("looking up %s: %w", key, err)
	}
	return v, nil
}
