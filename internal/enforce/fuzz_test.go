package enforce

import (
	"encoding/json"
	"testing"
)

// FuzzHandle feeds arbitrary input to the enforcer and runner functions:
// they return an output or an error, never panic.
func FuzzHandle(f *testing.F) {
	f.Add(`{"step": "enforce", "rule": "e.regex", "event": {"version": "0", "id": "1", "source": "stormless.core", "detail-type": "core.st2.webhook", "detail": {"trigger": {"type": "core.st2.webhook", "parameters": {"url": "e"}}, "payload": {"body": {"name": "Ada"}}, "id": "ti"}}}`)
	f.Add(`{"step": "enforce", "action": "e.secretive", "parameters": {"who": 1}}`)
	f.Add(`{"step": "finish", "execution": {"id": "x"}, "error": {"Error": "E", "Cause": "{\"Cause\": \"{}\"}"}}`)
	f.Add(`{"action": "e.secretive", "parameters": {"who": "a"}, "context": {"parent": {"execution_id": "arn:x:y"}}}`)
	f.Add(`{"action": "stormless.kv_lookup", "parameters": {"lookups": [{"key": "system.a"}, 3]}}`)
	e, _, _ := newEnforcer(f)
	f.Fuzz(func(t *testing.T, in string) {
		if !json.Valid([]byte(in)) {
			return
		}
		_, _ = e.Handle(t.Context(), json.RawMessage(in))
		_, _ = e.Runner(t.Context(), json.RawMessage(in))
	})
}
