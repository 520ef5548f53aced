package interp

import (
	"context"
	"sync"
)

// gate coordinates concurrent branches or iterations: once one fails, no
// new ones start, and the running ones are cancelled only after each has
// entered its first state, so (as on AWS) every started branch shows in
// the history before it is aborted.
type gate struct {
	mu      sync.Mutex
	pending int  // launched, not yet entered their first state
	failed  bool // a branch failed: cancel once pending reaches 0
	cancel  context.CancelFunc
}

func newGate(cancel context.CancelFunc) *gate { return &gate{cancel: cancel} }

// launch reports whether a new branch may start, and counts it.
func (g *gate) launch() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.failed {
		return false
	}
	g.pending++
	return true
}

// start counts a branch that starts whatever happened (Parallel starts
// every branch).
func (g *gate) start() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pending++
}

// entered marks a launched branch as having entered its first state (or
// ended before it could).
func (g *gate) entered() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pending--
	if g.failed && g.pending == 0 {
		g.cancel()
	}
}

// fail records a failure.
func (g *gate) fail() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.failed = true
	if g.pending == 0 {
		g.cancel()
	}
}

// onEntered returns a function to call exactly once when the branch has
// entered its first state or ended.
func (g *gate) onEntered() func() {
	var once sync.Once
	return func() { once.Do(g.entered) }
}
