package param

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/jinja"
	"github.com/stormless/stormless/internal/runner"
)

// kvRef finds the datastore keys a template names: st2kv.system.KEY or
// st2kv.user.KEY, with "| decrypt_kv" when the value is wanted decrypted.
var kvRef = regexp.MustCompile(`st2kv\.(system|user)\.([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])(\s*\|\s*decrypt_kv)?`)

// kvVars fetches every key the templates in srcs name and returns the
// "st2kv" variable. A missing key renders as "" as in StackStorm.
func kvVars(ctx context.Context, c Context, srcs []string) (map[string]any, error) {
	scopes := map[string]any{"system": map[string]any{}, "user": map[string]any{}}
	for _, src := range srcs {
		for _, m := range kvRef.FindAllStringSubmatch(src, -1) {
			v, err := lookupKV(ctx, c.Datastore, c.key(datastore.Scope(m[1]), m[2]), m[3] != "")
			if err != nil {
				return nil, err
			}
			jinja.SetNested(scopes[m[1]].(map[string]any), strings.Split(m[2], "."), v)
		}
	}
	return scopes, nil
}

// key returns the datastore key of name in scope: a user-scoped item is
// the execution's user's.
func (c Context) key(scope datastore.Scope, name string) datastore.Key {
	k := datastore.Key{Scope: scope, Name: name}
	if scope == datastore.ScopeUser {
		k.User = cmp.Or(c.User, runner.DefaultUser)
	}
	return k
}

func lookupKV(ctx context.Context, ds Datastore, k datastore.Key, decrypt bool) (string, error) {
	if ds == nil {
		return "", nil
	}
	kv, err := ds.Get(ctx, k, decrypt)
	if errors.Is(err, datastore.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("looking up st2kv.%s.%s: %w", k.Scope, k.Name, err)
	}
	return kv.Value, nil
}

// templateSources returns every template string inside v.
func templateSources(v any, out []string) []string {
	switch x := v.(type) {
	case string:
		if isTemplate(x) {
			out = append(out, x)
		}
	case map[string]any:
		for _, e := range x {
			out = templateSources(e, out)
		}
	case []any:
		for _, e := range x {
			out = templateSources(e, out)
		}
	}
	return out
}
