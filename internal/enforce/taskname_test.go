package enforce

import (
	"encoding/json"
	"testing"
)

func TestWithTaskName(t *testing.T) {
	parent := map[string]json.RawMessage{"orquesta": json.RawMessage(`{"task_name":"outer"}`), "other": json.RawMessage(`1`)}
	tests := []struct {
		name   string
		extra  map[string]json.RawMessage
		runner string
		ctx    map[string]any
		want   map[string]string
	}{
		{"orquesta", nil, "orquesta", map[string]any{"task_name": "fetch"}, map[string]string{"orquesta": `{"task_name":"fetch"}`}},
		{"chain", nil, "action-chain", map[string]any{"task_name": "greet"}, map[string]string{"chain": `{"name":"greet"}`}},
		{"replaces the parent's", parent, "orquesta", map[string]any{"task_name": "inner"},
			map[string]string{"orquesta": `{"task_name":"inner"}`, "other": `1`}},
		{"no task name", parent, "orquesta", map[string]any{}, map[string]string{"orquesta": `{"task_name":"outer"}`, "other": `1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withTaskName(tt.extra, tt.runner, tt.ctx)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if string(got[k]) != v {
					t.Errorf("%s: got %s, want %s", k, got[k], v)
				}
			}
		})
	}
	if string(parent["orquesta"]) != `{"task_name":"outer"}` {
		t.Errorf("the parent's context was modified: %s", parent["orquesta"])
	}
}
