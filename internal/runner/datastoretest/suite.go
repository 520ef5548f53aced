package datastoretest

import (
	"errors"
	"testing"
	"time"

	"github.com/stormless/stormless/internal/runner"
)

// Run checks that the Datastore made by newStore behaves as runners
// expect. newStore is called once per subtest and must return an empty
// store. The TTL subtest sleeps about two seconds.
func Run(t *testing.T, newStore func(t *testing.T) runner.Datastore) {
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, ds runner.Datastore)
	}{
		{"GetMissing", getMissing},
		{"SetGet", setGet},
		{"Overwrite", overwrite},
		{"ScopesAreSeparate", scopes},
		{"Delete", deleteKey},
		{"ListByPrefix", list},
		{"TTL", ttl},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, newStore(t)) })
	}
}

func mustSet(t *testing.T, ds runner.Datastore, scope runner.Scope, k, v string, o runner.SetOptions) {
	t.Helper()
	if err := ds.Set(t.Context(), scope, k, v, o); err != nil {
		t.Fatalf("Set(%s, %s): %v", scope, k, err)
	}
}

func wantValue(t *testing.T, ds runner.Datastore, scope runner.Scope, k, want string) {
	t.Helper()
	got, err := ds.Get(t.Context(), scope, k, true)
	if err != nil || got != want {
		t.Errorf("Get(%s, %s): got %q %v, want %q", scope, k, got, err, want)
	}
}

func wantMissing(t *testing.T, ds runner.Datastore, scope runner.Scope, k string) {
	t.Helper()
	if v, err := ds.Get(t.Context(), scope, k, true); !errors.Is(err, runner.ErrKeyNotFound) {
		t.Errorf("Get(%s, %s): got %q %v, want ErrKeyNotFound", scope, k, v, err)
	}
}

func getMissing(t *testing.T, ds runner.Datastore) { wantMissing(t, ds, runner.ScopeSystem, "nope") }

func setGet(t *testing.T, ds runner.Datastore) {
	mustSet(t, ds, runner.ScopeSystem, "pack.Class:key", "value with spaces", runner.SetOptions{})
	mustSet(t, ds, runner.ScopeSystem, "secret", "s3cret", runner.SetOptions{Secret: true})
	wantValue(t, ds, runner.ScopeSystem, "pack.Class:key", "value with spaces")
	wantValue(t, ds, runner.ScopeSystem, "secret", "s3cret")
}

func overwrite(t *testing.T, ds runner.Datastore) {
	mustSet(t, ds, runner.ScopeSystem, "k", "1", runner.SetOptions{})
	mustSet(t, ds, runner.ScopeSystem, "k", "2", runner.SetOptions{})
	wantValue(t, ds, runner.ScopeSystem, "k", "2")
}

func scopes(t *testing.T, ds runner.Datastore) {
	mustSet(t, ds, runner.ScopeUser, "k", "user", runner.SetOptions{})
	wantMissing(t, ds, runner.ScopeSystem, "k")
	wantValue(t, ds, runner.ScopeUser, "k", "user")
}

func deleteKey(t *testing.T, ds runner.Datastore) {
	mustSet(t, ds, runner.ScopeSystem, "k", "v", runner.SetOptions{})
	if err := ds.Delete(t.Context(), runner.ScopeSystem, "k"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	wantMissing(t, ds, runner.ScopeSystem, "k")
	if err := ds.Delete(t.Context(), runner.ScopeSystem, "k"); !errors.Is(err, runner.ErrKeyNotFound) {
		t.Errorf("second Delete: got %v, want ErrKeyNotFound", err)
	}
}

func list(t *testing.T, ds runner.Datastore) {
	for _, k := range []string{"p.C:b", "p.C:a", "p.D:a", "other"} {
		mustSet(t, ds, runner.ScopeSystem, k, "v-"+k, runner.SetOptions{Secret: k == "p.C:b"})
	}
	mustSet(t, ds, runner.ScopeUser, "p.C:c", "user", runner.SetOptions{})
	got, err := ds.List(t.Context(), runner.ScopeSystem, "p.C:")
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(got) != 2 || got[0].Name != "p.C:a" || got[1].Name != "p.C:b" || !got[1].Secret || got[0].Value != "v-p.C:a" {
		t.Errorf("List(p.C:): got %+v, want p.C:a then secret p.C:b", got)
	}
	all, err := ds.List(t.Context(), runner.ScopeSystem, "")
	if err != nil || len(all) != 4 {
		t.Errorf("List(\"\"): got %d items %v, want 4", len(all), err)
	}
}

func ttl(t *testing.T, ds runner.Datastore) {
	mustSet(t, ds, runner.ScopeSystem, "short", "v", runner.SetOptions{TTL: time.Second})
	mustSet(t, ds, runner.ScopeSystem, "long", "v", runner.SetOptions{TTL: time.Hour})
	wantValue(t, ds, runner.ScopeSystem, "short", "v")
	time.Sleep(2 * time.Second)
	wantMissing(t, ds, runner.ScopeSystem, "short")
	wantValue(t, ds, runner.ScopeSystem, "long", "v")
	if l, err := ds.List(t.Context(), runner.ScopeSystem, ""); err != nil || len(l) != 1 || l[0].Expires.IsZero() {
		t.Errorf("List after expiry: got %+v %v, want only long, with its expiry", l, err)
	}
}
