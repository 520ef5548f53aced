package param

import "context"

// Render renders every Jinja template string inside v (maps and lists
// included) with vars as the template's variables, StackStorm's
// environment and filters. A string that is one whole expression keeps its
// value's type; other strings render to text. Values without templates are
// returned as they are. Safe for concurrent use; v is not modified.
func Render(v any, vars map[string]any) (any, error) {
	return renderAny(v, vars, true)
}

// RenderWith renders the templates inside v as parameters are rendered:
// st2kv.system / st2kv.user read from c's datastore (decrypt_kv decrypts),
// config_context and action_context from c. It lets a host keep a secret
// out of what it records by recording the template and rendering it only
// where the value is used.
func RenderWith(ctx context.Context, v any, c Context) (any, error) {
	kv, err := kvVars(ctx, c, templateSources(v, nil))
	if err != nil {
		return nil, err
	}
	vars := map[string]any{"st2kv": kv, "config_context": orEmpty(c.Config), "action_context": orEmpty(c.Action)}
	return renderAny(v, vars, true)
}
