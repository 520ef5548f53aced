package schema

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	doc := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"name":  map[string]any{"type": "string", "required": true, "secret": true},
			"count": map[string]any{"type": "integer", "position": 0},
			"when":  map[string]any{"type": "string", "format": "date-time"},
			"inner": map[string]any{
				"type":       "object",
				"properties": map[string]any{"id": map[string]any{"type": "string", "required": true}},
			},
		},
	}
	s, err := Compile(doc)
	if err != nil {
		t.Fatalf("compiling: %v", err)
	}
	tests := []struct {
		name    string
		value   any
		wantErr string // substring; empty for valid
	}{
		{"valid", map[string]any{"name": "a", "count": 3}, ""},
		{"int from YAML", map[string]any{"name": "a", "count": int64(3)}, ""},
		{"format not asserted", map[string]any{"name": "a", "when": "2014-12-31 23:59:59"}, ""},
		{"missing required", map[string]any{"count": 3}, "name"},
		{"wrong type", map[string]any{"name": "a", "count": "3"}, "/count"},
		{"nested required", map[string]any{"name": "a", "inner": map[string]any{}}, "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Validate(tt.value)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("got %v, want valid", err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("got valid, want an error mentioning %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("got %q, want it to mention %q", err, tt.wantErr)
			case err != nil && strings.Contains(err.Error(), "\n"):
				t.Fatalf("got a multi-line error %q, want one line", err)
			}
		})
	}
}

func TestCompileRejects(t *testing.T) {
	tests := []struct {
		name string
		doc  map[string]any
	}{
		{"bad type", map[string]any{"type": "strnig"}},
		{"external ref", map[string]any{"$ref": "http://example.com/s.json"}},
		{"bad minimum", map[string]any{"minimum": "zero"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Compile(tt.doc); err == nil {
				t.Fatalf("got nil error, want one")
			}
		})
	}
}

func TestCompileDeepDocumentDoesNotOverflow(t *testing.T) {
	doc := map[string]any{"type": "object"}
	cur := doc
	for range 10000 {
		next := map[string]any{"type": "object"}
		cur["properties"] = map[string]any{"x": next}
		cur = next
	}
	_, _ = Compile(doc) // must return, valid or not
}

func TestValidationError(t *testing.T) {
	s, err := Compile(map[string]any{
		"type": "object",
		"properties": map[string]any{
			"b":     map[string]any{"type": "string", "required": true},
			"a":     map[string]any{"type": "string", "required": true},
			"count": map[string]any{"type": "integer"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		value any
		want  Violation
	}{
		{"missing", map[string]any{}, Violation{Path: []string{}, Missing: []string{"a", "b"}, Message: "missing properties 'a', 'b'"}},
		{"wrong type", map[string]any{"a": "x", "b": "y", "count": "3"}, Violation{Path: []string{"count"}, Message: "got string, want integer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ve *ValidationError
			if err := s.Validate(tt.value); !errors.As(err, &ve) || len(ve.Violations) != 1 {
				t.Fatalf("got %v, want one violation", err)
			}
			if got := ve.Violations[0]; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}
