package enforce

import (
	"encoding/json"
	"maps"
)

// withTaskName returns extra (a task execution's inherited context keys)
// with the workflow task the execution runs, in StackStorm's place for it:
// {"chain": {"name": N}} under an action-chain, {"orquesta": {"task_name":
// N}} otherwise, so that clients (the Web UI's workflow picture) can tell
// which task a child execution is. The parent's own keys of that name are
// replaced, never modified in place; without a task name extra is returned
// as is.
func withTaskName(extra map[string]json.RawMessage, parentRunner string, reqContext map[string]any) map[string]json.RawMessage {
	name, _ := reqContext["task_name"].(string)
	if name == "" {
		return extra
	}
	key, field := "orquesta", "task_name"
	if parentRunner == "action-chain" {
		key, field = "chain", "name"
	}
	b, err := json.Marshal(map[string]string{field: name})
	if err != nil {
		return extra
	}
	out := maps.Clone(extra)
	if out == nil {
		out = map[string]json.RawMessage{}
	}
	delete(out, "orquesta")
	delete(out, "chain")
	out[key] = b
	return out
}
