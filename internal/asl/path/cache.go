package path

import (
	"sync"
	"sync/atomic"
)

// cacheLimit bounds how many distinct expressions Query keeps compiled.
const cacheLimit = 1 << 14

var (
	cache     sync.Map // string -> *Path
	cacheSize atomic.Int64
)

// cachedCompile returns the compiled path for expr, compiling it on first
// use. Failures are not cached.
func cachedCompile(expr string) (*Path, error) {
	if p, ok := cache.Load(expr); ok {
		return p.(*Path), nil
	}
	p, err := Compile(expr)
	if err != nil {
		return nil, err
	}
	if cacheSize.Load() < cacheLimit {
		if _, loaded := cache.LoadOrStore(expr, p); !loaded {
			cacheSize.Add(1)
		}
	}
	return p, nil
}
