package datastoretest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stormless/stormless/internal/datastore"
)

// testConcurrency sets, reads and lists from many goroutines at once.
func testConcurrency(t *testing.T, open Open) {
	s, _ := fixed(t, open)
	ctx := t.Context()
	const workers, each = 8, 20
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				k := usr(fmt.Sprint("user", w), fmt.Sprint("k", i))
				if _, err := s.Set(ctx, k, fmt.Sprint(w, "/", i), datastore.SetOptions{Secret: i%2 == 0}); err != nil {
					t.Error(err)
					return
				}
				got, err := s.Get(ctx, k, true)
				if err != nil || got.Value != fmt.Sprint(w, "/", i) {
					t.Errorf("get %s: got %q, %v; want %s/%d", k, got.Value, err, fmt.Sprint(w), i)
					return
				}
				if _, err := s.List(ctx, datastore.Query{Scope: datastore.ScopeUser, User: k.User}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if got := len(listAll(t, s, datastore.Query{Scope: datastore.ScopeUser}, 50)); got != workers*each {
		t.Errorf("got %d items, want %d", got, workers*each)
	}
}
