package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/stormless/stormless/internal/apikey/sqlitekeys"
)

// keyWatch tells stormless up's open API whether an API key exists yet. It
// asks the key store only when the key file (the SQLite file and its
// write-ahead log) changed size or modification time since the store last
// held none: two stats per request instead of a query, and a key created
// by `stormless apikey create` while up runs is seen on the next request.
type keyWatch struct {
	keys  *sqlitekeys.Store
	paths []string

	mu sync.Mutex
	// empty is the stamp of the files when the store last held no key.
	empty string
}

// newKeyWatch watches the key store keys opened at path.
func newKeyWatch(keys *sqlitekeys.Store, path string) *keyWatch {
	return &keyWatch{keys: keys, paths: []string{path, path + "-wal"}}
}

// exist reports whether some key exists; it is safe for concurrent use.
func (w *keyWatch) exist(ctx context.Context) (bool, error) {
	stamp := w.stamp() // before the query: a write after it changes the next stamp
	w.mu.Lock()
	unchanged := stamp == w.empty
	w.mu.Unlock()
	if unchanged {
		return false, nil
	}
	list, err := w.keys.List(ctx)
	if err != nil || len(list) > 0 {
		return len(list) > 0, err
	}
	w.mu.Lock()
	w.empty = stamp
	w.mu.Unlock()
	return false, nil
}

// stamp is the size and modification time of each watched file.
func (w *keyWatch) stamp() string {
	var b strings.Builder
	for _, p := range w.paths {
		if fi, err := os.Stat(p); err == nil {
			fmt.Fprintf(&b, "%d/%d;", fi.Size(), fi.ModTime().UnixNano())
		} else {
			b.WriteString("-;")
		}
	}
	return b.String()
}
