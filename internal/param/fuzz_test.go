package param

import (
	"encoding/json"
	"testing"
)

// FuzzResolve feeds arbitrary given parameters (JSON) through rendering,
// casting and validation: Resolve must return values or an error, never
// panic.
func FuzzResolve(f *testing.F) {
	f.Add(`{"message": "{{ trigger.body.name }}", "count": "5"}`)
	f.Add(`{"message": "{% for x in trigger.body.tags %}{{ x }}{% endfor %}"}`)
	f.Add(`{"message": "{{ st2kv.system.a.b | decrypt_kv }}", "obj": "{\"a\": [1]}", "list": "a,b"}`)
	f.Add(`{"message": "{{", "flag": "TRUE", "level": "{{ 1/0 }}"}`)
	f.Add(`{"cmd": "x", "count": 1.5}`)
	s, err := Compile(specs())
	if err != nil {
		f.Fatal(err)
	}
	c := Context{Trigger: map[string]any{"body": map[string]any{"name": "Ada", "tags": []any{"a", 1.0}}}}
	f.Fuzz(func(t *testing.T, given string) {
		var m map[string]any
		if json.Unmarshal([]byte(given), &m) != nil {
			return
		}
		out, err := s.Resolve(t.Context(), m, c)
		if err == nil && out == nil {
			t.Error("got nil parameters and no error")
		}
	})
}
