package jsonata

import (
	"slices"
	"time"

	jsonatalib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jlib"
	"github.com/blues/jsonata-go/jtypes"
)

// WithClock makes $now() and $millis() read now() (once per evaluation, as
// JSONata does) instead of the wall clock, so that an interpreter with a
// virtual clock stays deterministic.
func WithClock(now func() time.Time) EvalOption {
	return func(c *evalConfig) { c.now = now }
}

// clockFunctions returns $now and $millis frozen at t.
func clockFunctions(t time.Time) map[string]any {
	ms := t.UnixMilli()
	return map[string]any{
		"millis": libraryCallable("millis", jsonatalib.Extension{Func: func() int64 { return ms }}),
		"now": libraryCallable("now", jsonatalib.Extension{
			Func: func(picture, tz jtypes.OptionalString) (string, error) {
				return jlib.FromMillis(ms, picture, tz)
			},
		}),
	}
}

// bindClock adds $now and $millis to out when the expression uses them and
// a clock was given.
func (e *Expr) bindClock(out map[string]any, cfg evalConfig) {
	if cfg.now == nil || !(slices.Contains(e.refs, "now") || slices.Contains(e.refs, "millis")) {
		return
	}
	for k, v := range clockFunctions(cfg.now()) {
		if _, shadowed := out[k]; !shadowed {
			out[k] = v
		}
	}
}
