package param

import "github.com/stormless/stormless/internal/runner"

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
	// Datastore serves st2kv lookups; nil makes every key missing.
	Datastore runner.Datastore
}
