package param

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/memkv"
	"github.com/stormless/stormless/internal/datastore/sqlitekv"
	"github.com/stormless/stormless/internal/pack"
)

func specs() map[string]*pack.Param {
	return map[string]*pack.Param{
		"message": {Type: "string", Required: true, Schema: map[string]any{"type": "string"}},
		"cmd":     {Type: "string", Default: `echo "{{message}}"`, HasDefault: true, Immutable: true, Schema: map[string]any{"type": "string"}},
		"count":   {Type: "integer", Default: 1, HasDefault: true, Schema: map[string]any{"type": "integer"}},
		"flag":    {Type: "boolean", Schema: map[string]any{"type": "boolean"}},
		"obj":     {Type: "object", Schema: map[string]any{"type": "object"}},
		"list":    {Type: "array", Schema: map[string]any{"type": "array"}},
		"token":   {Type: "string", Secret: true, Schema: map[string]any{"type": "string", "secret": true}},
		"pin":     {Type: "string", Secret: true, Schema: map[string]any{"type": "string", "secret": true, "pattern": "^[0-9]+$"}},
		"level":   {Type: "string", Enum: []any{"low", "high"}, Schema: map[string]any{"type": "string", "enum": []any{"low", "high"}}},
	}
}

// Every datastore adapter serves st2kv rendering.
var (
	_ Datastore = (*memkv.Store)(nil)
	_ Datastore = (*sqlitekv.Store)(nil)
)

func TestResolve(t *testing.T) {
	ds, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := ds.Set(ctx, datastore.Key{Scope: datastore.ScopeSystem, Name: "greeting"}, "hi", datastore.SetOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.Set(ctx, datastore.Key{Scope: datastore.ScopeSystem, Name: "pw"}, "s3cret", datastore.SetOptions{Secret: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.Set(ctx, datastore.Key{Scope: datastore.ScopeUser, User: "stanley", Name: "mine"}, "own", datastore.SetOptions{}); err != nil {
		t.Fatal(err)
	}
	c := Context{
		Trigger:   map[string]any{"body": map[string]any{"name": "Ada", "n": 5.0, "tags": []any{"a"}}},
		Config:    map[string]any{"region": "eu"},
		Action:    map[string]any{"user": "stanley"},
		Datastore: ds,
	}
	cases := []struct {
		name    string
		given   map[string]any
		want    map[string]any
		wantErr string // parameter named by the *Error
	}{
		{name: "default rendered from another parameter", given: map[string]any{"message": "hello"},
			want: map[string]any{"message": "hello", "cmd": `echo "hello"`, "count": int64(1)}},
		{name: "trigger and casts", given: map[string]any{"message": "{{ trigger.body.name }}", "count": "{{ trigger.body.n }}", "flag": "True", "obj": `{"a": 1}`, "list": "x, y"},
			want: map[string]any{"message": "Ada", "cmd": `echo "Ada"`, "count": int64(5), "flag": true, "obj": map[string]any{"a": 1.0}, "list": []any{"x", "y"}}},
		{name: "string numbers cast", given: map[string]any{"message": "m", "count": "7"},
			want: map[string]any{"message": "m", "cmd": `echo "m"`, "count": int64(7)}},
		{name: "typed whole expression", given: map[string]any{"message": "m", "list": "{{ trigger.body.tags }}"},
			want: map[string]any{"message": "m", "cmd": `echo "m"`, "count": int64(1), "list": []any{"a"}}},
		{name: "contexts and datastore", given: map[string]any{"message": "{{ st2kv.system.greeting }} {{ config_context.region }} {{ action_context.user }}", "token": "{{ st2kv.system.pw | decrypt_kv }}"},
			want: map[string]any{"message": "hi eu stanley", "cmd": `echo "hi eu stanley"`, "count": int64(1), "token": "s3cret"}},
		{name: "user scope is the execution's user's", given: map[string]any{"message": "{{ st2kv.user.mine }}"},
			want: map[string]any{"message": "own", "cmd": `echo "own"`, "count": int64(1)}},
		{name: "missing key renders empty", given: map[string]any{"message": "[{{ st2kv.user.nope }}]"},
			want: map[string]any{"message": "[]", "cmd": `echo "[]"`, "count": int64(1)}},
		{name: "required missing", given: map[string]any{}, wantErr: "message"},
		{name: "immutable override", given: map[string]any{"message": "m", "cmd": "rm -rf /"}, wantErr: "cmd"},
		{name: "wrong type", given: map[string]any{"message": "m", "count": "many"}, wantErr: "count"},
		{name: "enum", given: map[string]any{"message": "m", "level": "mid"}, wantErr: "level"},
		{name: "undefined name", given: map[string]any{"message": "{{ trigger.nope.deeper }}"}, wantErr: "message"},
	}
	s, err := Compile(specs())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Resolve(t.Context(), tc.given, c)
			if tc.wantErr != "" {
				var pe *Error
				if !errors.As(err, &pe) || pe.Name != tc.wantErr {
					t.Fatalf("got error %v, want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestMask(t *testing.T) {
	s, err := Compile(specs())
	if err != nil {
		t.Fatal(err)
	}
	got := s.Mask(map[string]any{"token": "abc", "message": "m"})
	want := map[string]any{"token": "********", "message": "m"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSecretsNotInErrors(t *testing.T) {
	s, err := Compile(specs())
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Resolve(t.Context(), map[string]any{"message": "m", "pin": "hunter2"}, Context{})
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), `parameter "pin"`) {
		t.Errorf("got %v, want an error naming pin without its value", err)
	}
	if testing.Verbose() {
		t.Log(err)
	}
}

// A default sees the other parameters cast to their types: a JSON number
// given for an integer renders as 3, not 3.0.
func TestDefaultsSeeCastValues(t *testing.T) {
	spec, err := Compile(map[string]*pack.Param{
		"count": {Type: "integer", Schema: map[string]any{"type": "integer"}},
		"cmd":   {Type: "string", Default: "seq {{ count }}", HasDefault: true, Schema: map[string]any{"type": "string"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, given := range []any{3.0, "3", int64(3)} {
		got, err := spec.Resolve(context.Background(), map[string]any{"count": given}, Context{})
		if err != nil {
			t.Fatal(err)
		}
		if got["cmd"] != "seq 3" || got["count"] != int64(3) {
			t.Errorf("given count %#v: got %v, want cmd \"seq 3\" and count 3", given, got)
		}
	}
}

func TestRenderWith(t *testing.T) {
	ds, err := memkv.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := ds.Set(ctx, datastore.Key{Scope: datastore.ScopeSystem, Name: "token"}, "s3cret", datastore.SetOptions{Secret: true}); err != nil {
		t.Fatal(err)
	}
	got, err := RenderWith(ctx, "Bearer {{ st2kv.system.token | decrypt_kv }}", Context{Datastore: ds})
	if err != nil || got != "Bearer s3cret" {
		t.Errorf("got %v, %v; want the decrypted secret", got, err)
	}
	if got, err := RenderWith(ctx, "plain", Context{}); err != nil || got != "plain" {
		t.Errorf("got %v, %v; want the value as it is", got, err)
	}
}
