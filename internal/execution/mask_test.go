package execution_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stormless/stormless/internal/execution"
)

func TestMaskSecrets(t *testing.T) {
	schema := map[string]any{
		"cmd":      map[string]any{"type": "string"},
		"password": map[string]any{"type": "string", "secret": true},
		"auth": map[string]any{"type": "object", "properties": map[string]any{
			"user":  map[string]any{"type": "string"},
			"token": map[string]any{"type": "string", "secret": true},
		}},
		"headers": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string", "secret": true}},
		"keys":    map[string]any{"type": "array", "items": map[string]any{"type": "string", "secret": true}},
		"hosts":   map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
	}
	tests := []struct {
		name   string
		params map[string]any
		want   string
	}{
		{"plain and secret", map[string]any{"cmd": "ls", "password": "hunter2"}, `{"cmd":"ls","password":"********"}`},
		{"nested property", map[string]any{"auth": map[string]any{"user": "u", "token": "t"}}, `{"auth":{"token":"********","user":"u"}}`},
		{"additional properties", map[string]any{"headers": map[string]any{"X-Key": "k"}}, `{"headers":{"X-Key":"********"}}`},
		{"array items", map[string]any{"keys": []any{"a", "b"}, "hosts": []any{"h"}}, `{"hosts":["h"],"keys":["********","********"]}`},
		{"not in schema", map[string]any{"extra": "x"}, `{"extra":"x"}`},
		{"null secret stays null", map[string]any{"password": nil}, `{"password":null}`},
		{"secret object masked whole", map[string]any{"password": map[string]any{"a": 1}}, `{"password":"********"}`},
		{"nil params", nil, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.params)
			got, err := json.Marshal(execution.MaskSecrets(tt.params, schema))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if after := fmt.Sprint(tt.params); after != before {
				t.Errorf("params changed: got %s, want %s", after, before)
			}
		})
	}
}

func ExampleMaskSecrets() {
	schema := map[string]any{"password": map[string]any{"type": "string", "secret": true}}
	masked := execution.MaskSecrets(map[string]any{"user": "stanley", "password": "hunter2"}, schema)
	fmt.Println(masked["user"], masked["password"])
	// Output: stanley ********
}
