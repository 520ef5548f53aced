package enforce

import (
	"sync/atomic"

	"github.com/stormless/stormless/internal/pack"
	"github.com/stormless/stormless/internal/rule"
)

// catalogRef is the enforcer's current catalog, switched atomically by
// SetCatalog. Each lookup reads the catalog current at that moment.
type catalogRef struct{ p atomic.Pointer[Catalog] }

// Rule looks ref up in the current catalog.
func (r *catalogRef) Rule(ref string) (*rule.Compiled, error) { return r.p.Load().Rule(ref) }

// PackRule looks ref up in the current catalog.
func (r *catalogRef) PackRule(ref string) (*pack.Rule, bool) { return r.p.Load().PackRule(ref) }

// Action looks ref up in the current catalog.
func (r *catalogRef) Action(ref string) (*Action, error) { return r.p.Load().Action(ref) }

// SetCatalog makes the enforcer work from c from now on (packs reloaded):
// steps already past their lookup keep what they read; the in-memory state
// (concurrency slots, inquiry task tokens) is kept. A nil c is ignored.
func (e *Enforcer) SetCatalog(c *Catalog) {
	if c != nil {
		e.catalog.p.Store(c)
	}
}
