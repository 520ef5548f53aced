package local

import (
	"context"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
)

// knownInstances is what the feed's pump remembers of the trigger
// instances not yet processed, so that a status change written in a batch
// is applied in memory instead of read back. Only the pump uses it.
type knownInstances map[string]execution.TriggerInstance

// remember keeps t until it is processed (or failed).
func (k knownInstances) remember(t execution.TriggerInstance) {
	if t.Status == execution.TriggerProcessed || t.Status == execution.TriggerProcessingFailed {
		delete(k, t.ID)
		return
	}
	if len(k) >= maxKnown {
		clear(k)
	}
	k[t.ID] = t
}

// changed returns the record of trigger instance c.ID after c: the known
// record moved to c.To when it is in c.From, else the record read back.
func (k knownInstances) changed(ctx context.Context, store execution.Store, c execution.TriggerInstanceChange) (api.Change, bool) {
	t, ok := k[c.ID]
	if ok && t.Status == c.From {
		t.Status = c.To
	} else {
		var err error
		if t, err = store.GetTriggerInstance(ctx, c.ID); err != nil {
			return api.Change{}, false
		}
	}
	k.remember(t)
	return api.Change{Event: api.EventTriggerInstanceUpdate, Data: t}, true
}
