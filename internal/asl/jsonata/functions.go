package jsonata

import (
	"math/rand/v2"
	"reflect"
	"sync"
	"sync/atomic"

	jsonatalib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jtypes"
)

// fixedFunctions are the added functions that use no randomness.
var fixedFunctions = sync.OnceValue(func() map[string]any {
	return map[string]any{
		"partition": libraryCallable("partition", jsonatalib.Extension{Func: partition}),
		"range":     libraryCallable("range", jsonatalib.Extension{Func: rangeOf}),
		"hash":      libraryCallable("hash", jsonatalib.Extension{Func: hashOf}),
		"parse":     libraryCallable("parse", jsonatalib.Extension{Func: parse}),
		// Replacements for library functions that differ from JSONata.
		"encodeUrlComponent": libraryCallable("encodeUrlComponent", jsonatalib.Extension{Func: encodeURIComponent}),
		"decodeUrlComponent": libraryCallable("decodeUrlComponent", jsonatalib.Extension{Func: decodeURIComponent}),
		"keys":               libraryCallable("keys", jsonatalib.Extension{Func: keys}),
		"spread":             libraryCallable("spread", jsonatalib.Extension{Func: spread}),
		"lookup": libraryCallable("lookup", jsonatalib.Extension{
			Func:               lookup,
			UndefinedHandler:   jtypes.ArgUndefined(0),
			EvalContextHandler: jtypes.ArgCountEquals(1),
		}),
		"string": libraryCallable("string", jsonatalib.Extension{
			Func:               stringOf,
			UndefinedHandler:   jtypes.ArgUndefined(0),
			EvalContextHandler: jtypes.ArgCountEquals(0),
		}),
	}
})

// randomCache keeps the random functions built for a few sources.
var (
	randomCache     sync.Map // rand.Source -> map[string]any
	randomCacheSize atomic.Int64
)

// randomCacheLimit bounds randomCache; functions for further sources are
// built for each evaluation.
const randomCacheLimit = 64

// randomFunctions returns $random and $uuid drawing from src (the global
// generator when src is nil).
func randomFunctions(src rand.Source) map[string]any {
	if src == nil {
		src = globalSource{}
	}
	cacheable := reflect.TypeOf(src).Comparable()
	if cacheable {
		if fns, ok := randomCache.Load(src); ok {
			return fns.(map[string]any)
		}
	}
	fns := map[string]any{
		"random": libraryCallable("random", jsonatalib.Extension{Func: randomFunc(src)}),
		"uuid":   libraryCallable("uuid", jsonatalib.Extension{Func: uuidFunc(src)}),
	}
	if cacheable && randomCacheSize.Load() < randomCacheLimit {
		if _, loaded := randomCache.LoadOrStore(src, fns); !loaded {
			randomCacheSize.Add(1)
		}
	}
	return fns
}

// addedFunction returns the added function called name, if there is one.
func addedFunction(name string, src rand.Source) (any, bool) {
	if f, ok := fixedFunctions()[name]; ok {
		return f, true
	}
	if name == "random" || name == "uuid" {
		return randomFunctions(src)[name], true
	}
	return nil, false
}

// libraryCallable wraps fn as the library's own callable (which converts
// arguments from JSONata's sequences), obtained by evaluating "$name" in an
// expression that has it registered; it can then be bound as a variable in
// any evaluation.
func libraryCallable(name string, ext jsonatalib.Extension) any {
	e, err := jsonatalib.Compile("$" + name)
	if err == nil {
		err = e.RegisterExts(map[string]jsonatalib.Extension{name: ext})
	}
	var v any
	if err == nil {
		v, err = e.Eval(nil)
	}
	if err != nil {
		panic("jsonata: registering $" + name + ": " + err.Error()) // a programming error, caught by tests
	}
	return v
}

// globalSource draws from math/rand/v2's goroutine-safe generator.
type globalSource struct{}

// Uint64 returns a random uint64.
func (globalSource) Uint64() uint64 { return rand.Uint64() }
