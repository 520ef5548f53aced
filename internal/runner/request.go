package runner

import "github.com/stormless/stormless/internal/datastore"

// Request is everything a runner needs to run one execution. Parameters are
// already rendered, cast and validated by the caller, with the runner's
// parameters (defaults, action overrides) merged in. A Request is read-only
// to runners; they never modify its maps.
type Request struct {
	// ExecutionID is the execution's id, exposed to actions as
	// ST2_ACTION_EXECUTION_ID.
	ExecutionID string
	// Action is the action being run.
	Action Action
	// Parameters are the action and runner parameters by name.
	Parameters map[string]any
	// Config is the pack's config (config_context), nil when it has none.
	Config map[string]any
	// Context is the execution's context as StackStorm records it (user,
	// parent, rule, trigger_instance, trace_context, ...), for runners that
	// start child executions; nil when there is none.
	Context map[string]any
	// User is the user the execution runs on behalf of ("stanley" when
	// empty).
	User string
	// APIURL is the public API URL given to actions as ST2_ACTION_API_URL.
	APIURL string
	// AuthToken, when set, is given to actions as ST2_ACTION_AUTH_TOKEN; it
	// is a secret.
	AuthToken string
	// Output receives the action's output line by line while it runs; nil
	// discards it.
	Output Output
	// Datastore serves the key-value datastore to actions (python
	// action_service); nil makes datastore calls fail inside the action.
	// Key names items as the execution sees them.
	Datastore datastore.Store
}

// DefaultUser is StackStorm's system user, used when a Request names none.
const DefaultUser = "stanley"

// RunAs returns the user on whose behalf the execution runs: r.User, or
// DefaultUser.
func (r Request) RunAs() string {
	if r.User == "" {
		return DefaultUser
	}
	return r.User
}

// Key returns the datastore key of name in scope as the execution sees
// it: a user-scoped item belongs to the execution's user (RunAs), as in
// StackStorm.
func (r Request) Key(scope datastore.Scope, name string) datastore.Key {
	k := datastore.Key{Scope: scope, Name: name}
	if scope == datastore.ScopeUser {
		k.User = r.RunAs()
	}
	return k
}
