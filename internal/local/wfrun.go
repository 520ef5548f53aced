package local

import (
	"context"
	"errors"
	"sync"

	"github.com/stormless/stormless/internal/asl/interp"
	"github.com/stormless/stormless/internal/execution"
)

// wfRun is a workflow execution running on this engine: its state machine
// execution, its task log and its pause state. A paused workflow lets its
// running tasks finish and starts no new one: each task waits at the gate
// (enterTask) until the pause ends.
type wfRun struct {
	id, parent string
	wm         workflowMachine
	ready      chan struct{} // closed once x is set
	x          *interp.Execution
	log        *taskLog
	replay     *replay // tasks logged before a restart, nil otherwise
	// cpMu orders checkpoint lines before the task lines of their state.
	cpMu sync.Mutex

	// The fields below are guarded by wfRegistry.mu.
	active    int           // tasks running their action now
	userPause bool          // Pause asked for it
	holds     int           // pending inquiries holding it paused
	paused    bool          // recorded paused
	resume    chan struct{} // closed when the pause ends
	pos       string        // the top-level state of the last logged checkpoint
	parked    bool          // Close stopped it while paused, to resume on the next start
}

// pausing reports whether the run is to start no new task. Call with the
// registry locked.
func (r *wfRun) pausing() bool { return r.userPause || r.holds > 0 }

// wfRegistry holds the engine's workflow runs by execution id.
type wfRegistry struct {
	// ctl serializes Pause, Resume and a run's registration, each of
	// which changes a record's status and its run's pause together.
	ctl sync.Mutex
	mu  sync.Mutex
	m   map[string]*wfRun
}

// add registers a run; its x is set by ready. A run started by a
// workflow that Pause holds is held too: inherited reports it.
func (g *wfRegistry) add(r *wfRun) (inherited bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m == nil {
		g.m = map[string]*wfRun{}
	}
	r.ready, r.resume = make(chan struct{}), make(chan struct{})
	if p := g.m[r.parent]; p != nil && p.userPause && !r.userPause {
		r.userPause, inherited = true, true
	}
	g.m[r.id] = r
	return inherited
}

// remove unregisters a run.
func (g *wfRegistry) remove(r *wfRun) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m[r.id] == r {
		delete(g.m, r.id)
	}
}

// get returns the run of execution id, nil when none runs here.
func (g *wfRegistry) get(id string) *wfRun {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.m[id]
}

// children returns the runs of workflows that are tasks of r. Call with
// the registry locked.
func (g *wfRegistry) children(r *wfRun) []*wfRun {
	var out []*wfRun
	for _, c := range g.m {
		if c.parent == r.id {
			out = append(out, c)
		}
	}
	return out
}

// enterTask waits while r is pausing, then counts a task of r as running
// when counted (a nested workflow pauses by itself and is not counted).
func (e *Engine) enterTask(ctx context.Context, r *wfRun, counted bool) error {
	select {
	case <-r.ready:
	case <-ctx.Done():
		return ctx.Err()
	}
	g := &e.runs.wf
	for {
		g.mu.Lock()
		// While Shutdown drains, no task starts: the run waits here until
		// Shutdown parks it (see parkDrained).
		if !r.pausing() && !e.draining.Load() {
			if counted {
				r.active++
			}
			g.mu.Unlock()
			return nil
		}
		ch := r.resume
		g.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// leaveTask counts a task of r as no longer running and settles r.
func (e *Engine) leaveTask(r *wfRun) {
	g := &e.runs.wf
	g.mu.Lock()
	r.active--
	g.mu.Unlock()
	e.settle(r)
}

// settle records r paused once it is pausing, runs no task and every
// workflow it runs as a task is paused too; then settles r's parent. A
// top-level run that settles while the engine closes is parked.
func (e *Engine) settle(r *wfRun) {
	g := &e.runs.wf
	for r != nil {
		g.mu.Lock()
		if !r.pausing() || r.paused || r.active > 0 || !allPaused(g.children(r)) {
			g.mu.Unlock()
			return
		}
		r.paused = true
		parent := g.m[r.parent]
		g.mu.Unlock()
		e.moveStatus(r.id, execution.StatusPausing, execution.StatusPaused)
		if parent == nil && e.isClosing() {
			e.parkIdle()
		}
		r = parent
	}
}

func allPaused(rs []*wfRun) bool {
	for _, c := range rs {
		if !c.paused {
			return false
		}
	}
	return true
}

// moveStatus moves execution id along path from whichever of its steps'
// statuses the record has (from path[0] to path[1], path[1] to path[2],
// ...); a record in none of them is left alone. Store failures are
// reported.
func (e *Engine) moveStatus(id string, path ...execution.Status) {
	ctx := context.Background()
	for i := 0; i+1 < len(path); i++ {
		_, err := e.store.TransitionExecution(ctx, id, execution.Change{From: path[i], To: path[i+1], At: nowUTC()})
		if err != nil && !errors.Is(err, execution.ErrConflict) {
			e.report(err)
		}
	}
}

// park marks r and the runs below it parked. Call with the registry
// locked.
func (g *wfRegistry) park(r *wfRun) {
	r.parked = true
	for _, c := range g.children(r) {
		g.park(c)
	}
}
