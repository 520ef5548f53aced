package jinja_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/jinja"
)

func TestSetNested(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want map[string]any
	}{
		{name: "one key", keys: []string{"a"}, want: map[string]any{"a": "v:a"}},
		{name: "dotted key", keys: []string{"a.b"}, want: map[string]any{"a": map[string]any{"b": "v:a.b"}}},
		{name: "siblings", keys: []string{"a.b", "a.c"}, want: map[string]any{"a": map[string]any{"b": "v:a.b", "c": "v:a.c"}}},
		{name: "longer path after", keys: []string{"a", "a.b"}, want: map[string]any{"a": map[string]any{"b": "v:a.b"}}},
		{name: "longer path before", keys: []string{"a.b", "a"}, want: map[string]any{"a": map[string]any{"b": "v:a.b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]any{}
			for _, k := range tt.keys {
				jinja.SetNested(got, strings.Split(k, "."), "v:"+k)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
