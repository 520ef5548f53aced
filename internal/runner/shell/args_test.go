package shell

import (
	"testing"

	"github.com/stormless/stormless/internal/runner"
)

func pos(i int) *int { return &i }

func TestArgs(t *testing.T) {
	specs := map[string]runner.Param{
		"first":  {Type: "string", Position: pos(0)},
		"flag":   {Type: "boolean", Position: pos(1)},
		"list":   {Type: "array", Position: pos(2)},
		"obj":    {Type: "object", Position: pos(3)},
		"count":  {Type: "integer", Position: pos(4)},
		"cmd":    {Type: "string", Runner: true},
		"named":  {Type: "string"},
		"verbal": {Type: "boolean"},
	}
	tests := []struct {
		name    string
		params  map[string]any
		specs   map[string]runner.Param
		kwargOp string
		want    string
	}{
		{name: "empty", params: map[string]any{}, specs: map[string]runner.Param{}, kwargOp: "--", want: ""},
		{name: "named string", params: map[string]any{"name": "World"}, kwargOp: "--", want: "--name=World"},
		{name: "named quoted", params: map[string]any{"msg": "hello world"}, kwargOp: "--", want: "--msg='hello world'"},
		{name: "named single quote", params: map[string]any{"msg": "it's"}, kwargOp: "--", want: `--msg='it'"'"'s'`},
		{name: "kwarg op dash", params: map[string]any{"v": 3.0}, kwargOp: "-", want: "-v=3"},
		{name: "kwarg op empty", params: map[string]any{"k": "v"}, kwargOp: "", want: "k=v"},
		{name: "bool true bare", params: map[string]any{"force": true}, kwargOp: "--", want: "--force"},
		{name: "bool false omitted", params: map[string]any{"force": false}, kwargOp: "--", want: ""},
		{name: "null omitted", params: map[string]any{"x": nil}, kwargOp: "--", want: ""},
		{name: "empty string omitted", params: map[string]any{"x": ""}, kwargOp: "--", want: ""},
		{name: "float", params: map[string]any{"x": 1.5}, kwargOp: "--", want: "--x=1.5"},
		{name: "list python repr", params: map[string]any{"l": []any{"a", 1.0, true, nil}}, kwargOp: "--", want: `--l='['"'"'a'"'"', 1, True, None]'`},
		{name: "dict python repr", params: map[string]any{"d": map[string]any{"k": "v"}}, kwargOp: "--", want: `--d='{'"'"'k'"'"': '"'"'v'"'"'}'`},
		{name: "named sorted", params: map[string]any{"b": "2", "a": "1"}, kwargOp: "--", want: "--a=1 --b=2"},
		{
			name:    "positional by type",
			params:  map[string]any{"first": "x y", "flag": true, "list": []any{"a", "b"}, "obj": map[string]any{"k": 1.0}, "count": 2.0},
			specs:   specs,
			kwargOp: "--",
			want:    `'x y' 1 a,b '{"k":1}' 2`,
		},
		{
			name:    "positional absent keeps its place",
			params:  map[string]any{"count": 0.0, "flag": false},
			specs:   specs,
			kwargOp: "--",
			want:    `'' 0 '' '' ''`,
		},
		{
			name:    "named before positional",
			params:  map[string]any{"first": "a", "named": "n", "verbal": true},
			specs:   specs,
			kwargOp: "--",
			want:    `--named=n --verbal a '' '' '' ''`,
		},
		{
			name:    "string list splits characters",
			params:  map[string]any{"list": "ab"},
			specs:   map[string]runner.Param{"list": {Type: "array", Position: pos(0)}},
			kwargOp: "--",
			want:    "a,b",
		},
		{
			name:    "untyped positional falsy is empty",
			params:  map[string]any{"x": 0.0},
			specs:   map[string]runner.Param{"x": {Position: pos(0)}},
			kwargOp: "--",
			want:    "''",
		},
		{
			name:    "later name wins a position",
			params:  map[string]any{"a": "A", "b": "B"},
			specs:   map[string]runner.Param{"a": {Type: "string", Position: pos(0)}, "b": {Type: "string", Position: pos(0)}},
			kwargOp: "--",
			want:    "--a=A B",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Args(tt.params, tt.specs, tt.kwargOp); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "''"},
		{"safe", "a-b_c.d/e:f,g@h%i+j=k", "a-b_c.d/e:f,g@h%i+j=k"},
		{"space", "a b", "'a b'"},
		{"quote", "a'b", `'a'"'"'b'`},
		{"dollar", "$HOME", "'$HOME'"},
		{"unicode", "é", "'é'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Quote(tt.in); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseOutput(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"plain", "hello\n", "hello"},
		{"one newline only", "a\n\n", "a\n"},
		{"crlf", "a\r\n", "a"},
		{"json object", "{\"a\": 1}\n", map[string]any{"a": 1.0}},
		{"json number", "3\n", 3.0},
		{"json string", "\"x\"", "x"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseOutput(tt.in)
			if !equalJSON(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}
