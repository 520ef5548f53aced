package local

import (
	"context"
	"slices"

	"github.com/stormless/stormless/internal/api"
	"github.com/stormless/stormless/internal/execution"
)

// maxKnown bounds the executions the feed remembers; past it, it forgets
// them all and reads records back until it knows them again.
const maxKnown = 16384

// knownExecutions is what the feed's pump remembers of the executions in
// flight: their records as last reported, so that a status change written
// without its record (in a batch) is applied to it in memory instead of
// read back from the store. Only the pump uses it.
type knownExecutions map[string]execution.Execution

// created returns the record of an execution a batch or CreateExecution
// wrote with x: x itself as the store keeps it when x carries its log (the
// store then keeps it, clearing Children) and is not final; else the
// record read back.
func (k knownExecutions) created(ctx context.Context, store execution.Store, x execution.Execution) (execution.Execution, bool) {
	if p, ok := k[x.Parent]; ok && x.Parent != "" { // the same write made x its child
		p.Children = append(slices.Clone(p.Children), x.ID)
		k[x.Parent] = p
	}
	if len(x.Log) == 0 || x.Status.Final() {
		return k.read(ctx, store, x.ID)
	}
	x.Children = nil
	x.Log = slices.Clone(x.Log)
	k.remember(x)
	return x, true
}

// moved returns the record of execution id after change c: the known
// record with c applied when it is in c.From, else the record read back.
func (k knownExecutions) moved(ctx context.Context, store execution.Store, id string, c execution.Change) (execution.Execution, bool) {
	x, ok := k[id]
	if !ok || x.Status != c.From {
		return k.read(ctx, store, id)
	}
	x.Log = slices.Clone(x.Log)
	x.Apply(c)
	k.remember(x)
	return x, true
}

// read reads execution id back and remembers it.
func (k knownExecutions) read(ctx context.Context, store execution.Store, id string) (execution.Execution, bool) {
	x, err := store.GetExecution(ctx, id)
	if err != nil {
		return execution.Execution{}, false
	}
	k.remember(x)
	return x, true
}

// remember keeps x while it is in flight and forgets it once final.
func (k knownExecutions) remember(x execution.Execution) {
	if x.Status.Final() {
		delete(k, x.ID)
		return
	}
	if len(k) >= maxKnown {
		clear(k)
	}
	k[x.ID] = x
}

// executionChange is the change a note about an execution reports.
func (k knownExecutions) change(ctx context.Context, store execution.Store, n note) (api.Change, bool) {
	var x execution.Execution
	var ok bool
	switch {
	case n.created != nil:
		x, ok = k.created(ctx, store, *n.created)
		return api.Change{Event: api.EventExecutionCreate, Data: x}, ok
	case n.moved != nil:
		x, ok = k.moved(ctx, store, n.moved.ID, n.moved.Change)
	default:
		x, ok = n.record, true
		k.remember(x)
	}
	return api.Change{Event: api.EventExecutionUpdate, Data: x}, ok
}
