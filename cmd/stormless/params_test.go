package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/pack"
)

func TestParseParams(t *testing.T) {
	params := map[string]*pack.Param{
		"items": {Type: "array"}, "opts": {Type: "object"}, "n": {Type: "integer"},
		"ratio": {Type: "number"}, "flag": {Type: "boolean"}, "name": {Type: "string"},
		"maybe": {Type: []any{"integer", "null"}},
	}
	file := filepath.Join(t.TempDir(), "body.txt")
	if err := os.WriteFile(file, []byte("from a file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string // JSON
		err  string
	}{
		{name: "each type", args: []string{"items=a, b,c", "opts=x=1,y=2,junk", "n=42", "ratio=0.5", "flag=True", "name=a=b"},
			want: `{"flag":true,"items":["a","b","c"],"n":42,"name":"a=b","opts":{"x":"1","y":"2"},"ratio":0.5}`},
		{name: "JSON values", args: []string{`items=[1,"two",{"x":null}]`, `opts={"a":[1,2]}`},
			want: `{"items":[1,"two",{"x":null}],"opts":{"a":[1,2]}}`},
		{name: "one integer makes a list", args: []string{"items=51"}, want: `{"items":[51]}`},
		{name: "a type with null", args: []string{"maybe=7"}, want: `{"maybe":7}`},
		{name: "unknown names stay strings", args: []string{"other=5"}, want: `{"other":"5"}`},
		{name: "the rest is cmd", args: []string{"n=1", "date", "-u", "x=y"}, want: `{"cmd":"date -u x=y","n":1}`},
		{name: "a file", args: []string{"@name=" + file}, want: `{"name":"from a file\n"}`},
		{name: "empty value", args: []string{"name="}, want: `{"name":""}`},
		{name: "bad integer", args: []string{"n=many"}, err: `parameter n: "many" is not an integer`},
		{name: "bad number", args: []string{"ratio=x"}, err: `parameter ratio: "x" is not a number`},
		{name: "bad boolean", args: []string{"flag=yes"}, err: `parameter flag: "yes" is not a boolean: use true or false`},
		{name: "bad object", args: []string{"opts={"}, err: "parameter opts: invalid JSON object"},
		{name: "missing file", args: []string{"@name=/no/such/file"}, err: "parameter name: reading open /no/such/file"},
		{name: "no name", args: []string{"=1"}, err: `argument "=1": give NAME=VALUE`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseParams(tt.args, params)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want an error holding %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(got)
			if string(b) != tt.want {
				t.Errorf("got %s, want %s", b, tt.want)
			}
		})
	}
}

func FuzzParseParams(f *testing.F) {
	f.Add("items=[1,2]", "opts={\"a\":1}", "n=3")
	f.Add("flag=TRUE", "opts=a=b,c", "ratio=1e3")
	f.Add("x", "=", "items=,")
	params := map[string]*pack.Param{"items": {Type: "array"}, "opts": {Type: "object"}, "n": {Type: "integer"},
		"ratio": {Type: "number"}, "flag": {Type: "boolean"}}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		args := []string{a, b, c}
		for _, s := range args {
			if strings.HasPrefix(s, "@") {
				return // reads files
			}
		}
		got, err := parseParams(args, params)
		if err != nil {
			return
		}
		if _, err := json.Marshal(got); err != nil {
			t.Fatalf("got %v that does not encode: %v", got, err)
		}
	})
}
