package api

import (
	"sync/atomic"

	"github.com/stormless/stormless/internal/pack"
)

// hookIndex is the set of webhook urls enabled rules listen to, for one
// pack set.
type hookIndex struct {
	set  *pack.Set
	urls map[string]bool
}

// hooks caches the hook index of the engine's current pack set.
type hooks struct {
	current atomic.Pointer[hookIndex]
}

// known reports whether an enabled rule of set listens to webhook url,
// building the index again when the set changed (packs reloaded).
func (c *hooks) known(set *pack.Set, url string) bool {
	idx := c.current.Load()
	if idx == nil || idx.set != set {
		idx = newHookIndex(set)
		c.current.Store(idx)
	}
	return idx.urls[url]
}

// newHookIndex indexes the webhook urls of set's enabled rules.
func newHookIndex(set *pack.Set) *hookIndex {
	idx := &hookIndex{set: set, urls: map[string]bool{}}
	for _, rl := range set.Rules() {
		if url, ok := rl.Trigger.Parameters["url"].(string); ok && rl.Enabled && rl.Trigger.Type == WebhookTrigger {
			idx.urls[url] = true
		}
	}
	return idx
}
