package ssmkv

import (
	"strings"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/datastoretest"
)

func TestConformance(t *testing.T) {
	datastoretest.Run(t, func(t *testing.T, now func() time.Time) datastore.Store {
		s, err := New(newFakeSSM(), WithClock(now))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestLayout checks the parameter names, types and descriptions.
func TestLayout(t *testing.T) {
	fake := newFakeSSM()
	s, err := New(fake, WithRoot("/prod/kv/"), WithClock(func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	sets := []struct {
		key    datastore.Key
		value  string
		opts   datastore.SetOptions
		name   string
		typ    string
		desc   string
		stored string
	}{
		{datastore.Key{Scope: datastore.ScopeSystem, Name: "slack:token"}, "xoxb", datastore.SetOptions{Secret: true},
			"/prod/kv/system/slack-3Atoken", "SecureString", "stormless datastore item", "xoxb"},
		{datastore.Key{Scope: datastore.ScopeUser, User: "ada@example.com", Name: "a/b c"}, "", datastore.SetOptions{TTL: time.Hour},
			"/prod/kv/user/ada-40example.com/a-2Fb-20c", "String", "stormless datastore item; expires=2026-01-01T01:00:00Z; empty", " "},
	}
	for _, tt := range sets {
		if _, err := s.Set(ctx, tt.key, tt.value, tt.opts); err != nil {
			t.Fatal(err)
		}
		p, ok := fake.params[tt.name]
		if !ok {
			t.Fatalf("%s: no parameter %s; have %v", tt.key, tt.name, fake.params)
		}
		if string(p.typ) != tt.typ || p.desc != tt.desc || p.value != tt.stored {
			t.Errorf("%s: got %s %q %q, want %s %q %q", tt.key, p.typ, p.desc, p.value, tt.typ, tt.desc, tt.stored)
		}
		got, err := s.Get(ctx, tt.key, true)
		if err != nil || got.Value != tt.value || got.Key() != tt.key {
			t.Errorf("%s: got %+v, %v; want value %q", tt.key, got, err, tt.value)
		}
	}
	page, err := s.List(ctx, datastore.Query{})
	if err != nil || len(page.Items) != 2 || page.Items[0].Name != "slack:token" || page.Items[1].Name != "a/b c" {
		t.Errorf("list: got %+v, %v; want both keys unescaped", page.Items, err)
	}
	fake.params["/prod/kv/system/bad-Z"] = fakeParam{value: "x", typ: "String"} // written by something else
	fake.params["/prod/kv/other/x"] = fakeParam{value: "x", typ: "String"}
	page, err = s.List(ctx, datastore.Query{})
	if err != nil || len(page.Items) != 2 {
		t.Errorf("list with foreign parameters: got %+v, %v; want them skipped", page.Items, err)
	}
	if _, err := New(fake, WithRoot("relative")); err == nil || !strings.Contains(err.Error(), "absolute") {
		t.Errorf("relative root: got %v, want an error", err)
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "a:b", "a/b c", "-", "é", "app.x_y", "--41"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		e := escape(v)
		for i := 0; i < len(e); i++ {
			if !plain(e[i]) && e[i] != '-' && !(e[i] >= 'A' && e[i] <= 'F') {
				t.Fatalf("escape(%q) = %q has %q outside SSM's alphabet", v, e, e[i])
			}
		}
		got, err := unescape(e)
		if err != nil || got != v {
			t.Fatalf("unescape(escape(%q)) = %q, %v", v, got, err)
		}
		_, _ = unescape(v) // never panics on arbitrary input
	})
}
