package api

import (
	"context"
	"sync"
	"time"

	"github.com/stormless/stormless/internal/execution"
)

// pollInterval is how often the store poller looks for changes.
const pollInterval = 200 * time.Millisecond

// pollPage is how many of the newest records each poll reads.
const pollPage = 200

// subscriberBuffer is how many changes a subscriber may lag behind before
// it misses some.
const subscriberBuffer = 256

// poller is the Notifier of a store that tells nobody of its writes: while
// anyone subscribes, it lists the newest executions and trigger instances
// every pollInterval and reports what is new or changed status. It also
// follows every in-flight execution it has seen until it is final. Changes
// beyond one page (pollPage records) between two polls are missed.
type poller struct {
	store    execution.Store
	interval time.Duration

	mu   sync.Mutex
	subs map[chan Change]struct{}
	stop context.CancelFunc
}

var _ Notifier = (*poller)(nil)

// newPoller returns a poller of store.
func newPoller(store execution.Store, interval time.Duration) *poller {
	return &poller{store: store, interval: interval, subs: map[chan Change]struct{}{}}
}

// Subscribe implements Notifier; the first subscriber records what exists
// (before Subscribe returns, so that every later change is reported) and
// starts polling; the last one leaving stops it.
func (p *poller) Subscribe(ctx context.Context) <-chan Change {
	ch := make(chan Change, subscriberBuffer)
	p.mu.Lock()
	p.subs[ch] = struct{}{}
	if p.stop == nil {
		var loopCtx context.Context
		loopCtx, p.stop = context.WithCancel(context.WithoutCancel(ctx))
		st := &pollState{execs: map[string]execution.Status{}, instances: map[string]bool{}}
		p.poll(loopCtx, st, false)
		go p.loop(loopCtx, st)
	}
	p.mu.Unlock()
	context.AfterFunc(ctx, func() { p.unsubscribe(ch) })
	return ch
}

// unsubscribe removes and closes ch, stopping the loop after the last one.
func (p *poller) unsubscribe(ch chan Change) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.subs, ch)
	close(ch)
	if len(p.subs) == 0 && p.stop != nil {
		p.stop()
		p.stop = nil
	}
}

// broadcast sends c to every subscriber that has room.
func (p *poller) broadcast(c Change) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for ch := range p.subs {
		select {
		case ch <- c:
		default:
		}
	}
}

// loop polls until ctx is done, reporting changes since st.
func (p *poller) loop(ctx context.Context, st *pollState) {
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.poll(ctx, st, true)
		}
	}
}

// pollState is what the poller has seen: the status of each execution it
// follows and the trigger instances of the last page.
type pollState struct {
	execs     map[string]execution.Status
	instances map[string]bool
}

// poll looks for changes once, reporting them when report is set. Store
// errors skip the round; the next one tries again.
func (p *poller) poll(ctx context.Context, st *pollState, report bool) {
	p.pollInstances(ctx, st, report)
	page, err := p.store.ListExecutions(ctx, execution.ExecutionQuery{PageQuery: execution.PageQuery{Limit: pollPage}})
	if err != nil {
		return
	}
	onPage := make(map[string]bool, len(page.Items))
	for i := len(page.Items) - 1; i >= 0; i-- {
		onPage[page.Items[i].ID] = true
		p.seeExecution(st, page.Items[i], report)
	}
	for id, status := range st.execs {
		switch {
		case onPage[id]:
		case status.Final():
			delete(st.execs, id)
		default:
			p.followExecution(ctx, st, id, report)
		}
	}
}

// followExecution reads an in-flight execution no longer on the first page.
func (p *poller) followExecution(ctx context.Context, st *pollState, id string, report bool) {
	e, err := p.store.GetExecution(ctx, id)
	if err != nil {
		delete(st.execs, id)
		return
	}
	p.seeExecution(st, e, report)
}

// seeExecution reports e when it is new or its status changed.
func (p *poller) seeExecution(st *pollState, e execution.Execution, report bool) {
	prev, known := st.execs[e.ID]
	switch {
	case !known && report:
		p.broadcast(Change{Event: EventExecutionCreate, Data: e})
	case known && prev != e.Status && report:
		p.broadcast(Change{Event: EventExecutionUpdate, Data: e})
	}
	st.execs[e.ID] = e.Status
}

// pollInstances reports trigger instances not on the previous page.
func (p *poller) pollInstances(ctx context.Context, st *pollState, report bool) {
	page, err := p.store.ListTriggerInstances(ctx, execution.TriggerInstanceQuery{PageQuery: execution.PageQuery{Limit: pollPage}})
	if err != nil {
		return
	}
	seen := make(map[string]bool, len(page.Items))
	for i := len(page.Items) - 1; i >= 0; i-- {
		ti := page.Items[i]
		seen[ti.ID] = true
		if report && !st.instances[ti.ID] {
			p.broadcast(Change{Event: EventTriggerInstance, Data: ti})
		}
	}
	st.instances = seen
}
