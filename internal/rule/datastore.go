package rule

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/stormless/stormless/internal/jinja"
)

// Datastore resolves the datastore keys criteria patterns name as
// "{{ st2kv.system.KEY }}" (or "{{ system.KEY }}"). Lookup returns ok false
// for a key that does not exist, which renders as an empty string as in
// StackStorm. Implementations must be safe for concurrent use.
type Datastore interface {
	Lookup(ctx context.Context, key string) (value string, ok bool, err error)
}

// MapDatastore is a Datastore over a fixed map, for tests and the CLI.
type MapDatastore map[string]string

var _ Datastore = MapDatastore(nil)

// Lookup returns the value stored under key.
func (m MapDatastore) Lookup(_ context.Context, key string) (string, bool, error) {
	v, ok := m[key]
	return v, ok, nil
}

// kvRef finds datastore references in a template: "st2kv.system.a.b" or
// "system.a.b" not preceded by a dot or a name character.
var kvRef = regexp.MustCompile(`(^|[^.\w])((?:st2kv\.)?system)\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)`)

// datastoreContext resolves the datastore keys a template names into the
// nested maps the template reads ("st2kv" and "system" roots).
func datastoreContext(ctx context.Context, ds Datastore, tmpl string) (map[string]any, error) {
	system := map[string]any{}
	for _, m := range kvRef.FindAllStringSubmatch(tmpl, -1) {
		key := m[3]
		v, err := lookupKey(ctx, ds, key)
		if err != nil {
			return nil, err
		}
		jinja.SetNested(system, strings.Split(key, "."), v)
	}
	return map[string]any{"st2kv": map[string]any{"system": system}, "system": system}, nil
}

func lookupKey(ctx context.Context, ds Datastore, key string) (string, error) {
	if ds == nil {
		return "", nil
	}
	v, ok, err := ds.Lookup(ctx, key)
	if err != nil {
		return "", fmt.Errorf("looking up datastore key %q: %w", key, err)
	}
	if !ok {
		return "", nil
	}
	return v, nil
}
