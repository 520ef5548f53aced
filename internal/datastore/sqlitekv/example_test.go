package sqlitekv_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/stormless/stormless/internal/datastore"
	"github.com/stormless/stormless/internal/datastore/secretkey"
	"github.com/stormless/stormless/internal/datastore/sqlitekv"
)

// Example stores a secret in a user's scope: it reads back encrypted
// unless decryption is asked for.
func Example() {
	dir, _ := os.MkdirTemp("", "kv")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	key, err := secretkey.LoadOrCreate(filepath.Join(dir, "datastore.key"))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := sqlitekv.Open(ctx, filepath.Join(dir, "kv.db"), key)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	k := datastore.Key{Scope: datastore.ScopeUser, User: "stanley", Name: "github_token"}
	if _, err := s.Set(ctx, k, "ghp_example", datastore.SetOptions{Secret: true}); err != nil {
		fmt.Println(err)
		return
	}
	stored, _ := s.Get(ctx, k, false)
	plain, _ := s.Get(ctx, k, true)
	fmt.Println(k, stored.Encrypted, strings.Contains(stored.Value, "ghp_"), plain.Value)
	// Output: stanley:github_token true false ghp_example
}
