package jsonata

import (
	"sync"
	"sync/atomic"
)

// cacheLimit bounds how many distinct expressions Compile keeps.
const cacheLimit = 1 << 14

var (
	cache     sync.Map // string -> *Expr
	cacheSize atomic.Int64
)

// cachedCompile returns the compiled expression for src, compiling it on
// first use. Failures are not cached.
func cachedCompile(src string) (*Expr, error) {
	if e, ok := cache.Load(src); ok {
		return e.(*Expr), nil
	}
	e, err := compile(src)
	if err != nil {
		return nil, err
	}
	if cacheSize.Load() < cacheLimit {
		if _, loaded := cache.LoadOrStore(src, e); !loaded {
			cacheSize.Add(1)
		}
	}
	return e, nil
}
