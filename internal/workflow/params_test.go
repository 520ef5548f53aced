package workflow

import (
	"reflect"
	"testing"
)

func TestRenderParameters(t *testing.T) {
	tests := []struct {
		name            string
		defaults, given map[string]any
		want            map[string]any
	}{
		{"template default", map[string]any{"cmd": `echo "{{message}}"`, "sudo": false},
			map[string]any{"message": "hi"}, map[string]any{"cmd": `echo "hi"`, "sudo": false, "message": "hi"}},
		{"given wins", map[string]any{"cmd": "echo {{message}}"}, map[string]any{"cmd": "ls"}, map[string]any{"cmd": "ls"}},
		{"plain default", map[string]any{"timeout": 60.0}, nil, map[string]any{"timeout": 60.0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderParameters(tt.defaults, tt.given)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
