package param

import (
	"context"

	"github.com/stormless/stormless/internal/datastore"
)

// Context is what templates may read: the trigger payload (trigger), the
// pack config (config_context), the execution's context (action_context)
// and the datastore (st2kv.system, st2kv.user). Every field may be empty.
type Context struct {
	// Trigger is the trigger instance payload.
	Trigger any
	// Config is the pack's config.
	Config map[string]any
	// Action is the execution's context: user, parent, rule,
	// trigger_instance ...
	Action map[string]any
	// User is the execution's user, whose items st2kv.user names
	// (runner.DefaultUser when empty).
	User string
	// Datastore serves st2kv lookups; nil makes every key missing.
	Datastore Datastore
}

// Datastore is what st2kv rendering needs of the key-value datastore: the
// Get of datastore.Store, which every datastore adapter satisfies.
type Datastore interface {
	// Get returns the item at k, decrypted when decrypt is set; an error
	// wrapping datastore.ErrNotFound when there is none.
	Get(ctx context.Context, k datastore.Key, decrypt bool) (datastore.KeyValue, error)
}
