package execution_test

import (
	"encoding/json"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestContextJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"known only", `{"user":"stanley","trace_context":{"trace_tag":"t"}}`, `{"user":"stanley","trace_context":{"trace_tag":"t"}}`},
		{"extra keys kept", `{"user":"stanley","orquesta":{"task_name":"a"},"chain":{"n":1}}`, `{"chain":{"n":1},"orquesta":{"task_name":"a"},"user":"stanley"}`},
		{"empty", `{}`, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c execution.Context
			if err := json.Unmarshal([]byte(tt.in), &c); err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	c := execution.Context{User: "u", Extra: map[string]json.RawMessage{"user": json.RawMessage(`"shadow"`)}}
	got, _ := json.Marshal(c)
	if string(got) != `{"user":"u"}` {
		t.Errorf("extra key shadowing a field: got %s, want {\"user\":\"u\"}", got)
	}
	var bad execution.Context
	if err := json.Unmarshal([]byte(`{"user":1}`), &bad); err == nil {
		t.Error("user as a number: got no error, want one")
	}
}
